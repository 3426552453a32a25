using Enforcement.Functions.Inbox;

namespace Enforcement.Functions.Alerts;

internal static class AlertsRegistration
{
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<AlertDeliveries>();
        builder.Services.AddSingleton<IInboxSource>(s => s.GetRequiredService<AlertDeliveries>());
        builder.Services.AddSingleton<IEscalationSubject>(s => s.GetRequiredService<AlertDeliveries>());
        return builder;
    }
}
