namespace Enforcement.Functions.Links;

internal static class LinksRegistration
{
    public static IHostApplicationBuilder AddLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section)
            .Validate(o => o.MaxNodes is >= 2 and <= 1000 && o.MaxEdges is >= 1 and <= 5000, "Network:MaxNodes must be 2 to 1000 and Network:MaxEdges 1 to 5000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LinkStore>();
        builder.Services.AddSingleton<NetworkQuery>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLinksAndNetwork(this IEndpointRouteBuilder app)
    {
        app.MapLinks();
        app.MapNetwork();
        return app;
    }
}
