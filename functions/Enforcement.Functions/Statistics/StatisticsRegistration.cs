namespace Enforcement.Functions.Statistics;

internal static class StatisticsRegistration
{
    public static IHostApplicationBuilder AddStatistics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StatisticsStore>();
        builder.Services.AddSingleton<StatisticsQueries>();
        return builder;
    }
}
