using Enforcement.Functions.Hosting;
namespace Enforcement.Functions.Links;

internal static class LinksRegistration
{
    public static IHostApplicationBuilder AddLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<NetworkOptions>(NetworkOptions.Section);
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
