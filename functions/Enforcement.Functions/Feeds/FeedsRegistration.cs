using Enforcement.Functions.Events;

namespace Enforcement.Functions.Feeds;

internal static class FeedsRegistration
{
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section)
            .Validate(o => development || !string.IsNullOrWhiteSpace(o.PseudonymKey),
                "Feeds:PseudonymKey must be set (a secret of at least 32 characters; in Azure a Key Vault reference).")
            .Validate(o => o.PseudonymKey is null || o.PseudonymKey.Length >= 32, "Feeds:PseudonymKey must be at least 32 characters.")
            .Validate(o => o.PseudonymKey is null || !o.PseudonymKey.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal),
                "Feeds:PseudonymKey is an unresolved Key Vault reference: set the secret and grant the app's identity access.")
            .ValidateOnStart();
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
        return services;
    }
}
