using Enforcement.Functions.Seizures;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Enforcement.Functions.Hosting;
using Enforcement.Functions.Events;

namespace Enforcement.Functions.Feeds;

internal static class FeedsRegistration
{
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<FeedOptions>(FeedOptions.Section);
        AddFeedServices(builder.Services);
        builder.Services.AddSingleton<FeedBuildRequests>();
        return builder;
    }

    /// <summary>What a build needs, also used by the feed benchmark to build outside the web app.</summary>
    public static IServiceCollection AddFeedServices(this IServiceCollection services)
    {
        services.AddSingleton<FeedStore>();
        services.AddSingleton<FeedPseudonyms>();
        services.AddSingleton<FeedBuilder>();
        services.TryAddSingleton<SeizureReader>();
        return services;
    }
}
