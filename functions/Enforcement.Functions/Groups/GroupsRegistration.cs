using Enforcement.Functions.Inbox;

namespace Enforcement.Functions.Groups;

internal static class GroupsRegistration
{
    public static IHostApplicationBuilder AddGroups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GroupOptions>().BindConfiguration(GroupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GroupStore>();
        builder.Services.AddSingleton<OperationReports>();
        builder.Services.AddSingleton<OperationMembership>();
        builder.Services.AddSingleton<GroupDeliveries>();
        builder.Services.AddSingleton<IInboxSource>(s => s.GetRequiredService<GroupDeliveries>());
        builder.Services.AddSingleton<IEscalationSubject>(s => s.GetRequiredService<GroupDeliveries>());
        return builder;
    }
}
