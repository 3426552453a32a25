namespace Enforcement.Functions.Hosting.Standalone;

internal static class StandaloneTriggerRegistration
{
    public static IHostApplicationBuilder AddStandaloneTriggers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StandaloneTriggerOptions>().BindConfiguration(StandaloneTriggerOptions.Section)
            .Validate(o => o.MaxPollingInterval > TimeSpan.Zero && o.ProcessingVisibility > TimeSpan.Zero,
                "LocalTriggers:MaxPollingInterval and ProcessingVisibility must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TriggeredFunctions>();
        builder.Services.AddHostedService<StandaloneTriggerHost>();
        return builder;
    }
}
