namespace Enforcement.Functions.Hosting.Standalone;

internal static class StandaloneTriggerRegistration
{
    public static IHostApplicationBuilder AddStandaloneTriggers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StandaloneTriggerOptions>(StandaloneTriggerOptions.Section);
        builder.Services.AddSingleton<TriggeredFunctions>();
        builder.Services.AddHostedService<StandaloneTriggerHost>();
        return builder;
    }
}
