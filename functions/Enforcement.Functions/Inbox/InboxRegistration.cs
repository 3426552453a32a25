using Enforcement.Functions.Handling;

namespace Enforcement.Functions.Inbox;

internal static class InboxRegistration
{
    /// <summary>The inbox, its fan-out and the escalation chains, and the record references alerts and messages cite.</summary>
    public static IHostApplicationBuilder AddInbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<InboxSignal>();
        builder.Services.AddSingleton<InboxDelivery>();
        builder.Services.AddSingleton<Escalations>();
        builder.Services.AddSingleton<RecordReferences>();
        return builder;
    }
}
