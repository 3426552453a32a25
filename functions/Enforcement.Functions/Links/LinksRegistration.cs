namespace Enforcement.Functions.Links;

internal static class LinksRegistration
{
    public static WebApplicationBuilder AddLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section)
            .Validate(o => o.MaxNodes is >= 2 and <= 1000 && o.MaxEdges is >= 1 and <= 5000, "Network:MaxNodes must be 2 to 1000 and Network:MaxEdges 1 to 5000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LinkStore>();
        builder.Services.AddSingleton<NetworkQuery>();
        builder.Services.AddSingleton<Events.IRecordEventHandler, LinkMirror>();
        builder.Services.AddSingleton<Events.IRecordEventHandler, LinkedSeizureOffices>();
        return builder;
    }

    public static WebApplication MapLinksAndNetwork(this WebApplication app)
    {
        app.MapLinks();
        app.MapNetwork();
        return app;
    }
}
