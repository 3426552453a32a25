namespace Enforcement.Functions.Screening;

internal static class ScreeningRegistration
{
    public static IHostApplicationBuilder AddTargeting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScreeningOptions>().BindConfiguration(ScreeningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Conveyances.ConveyanceStore>();
        builder.Services.AddSingleton<WatchLists.WatchListStore>();
        builder.Services.AddSingleton<RiskRules.RuleStore>();
        builder.Services.AddSingleton<ScreeningStore>();
        builder.Services.AddSingleton<SubjectMatcher>();
        builder.Services.AddSingleton<ScreeningService>();
        builder.Services.AddSingleton<RiskRules.RuleBacktest>();
        return builder;
    }
}
