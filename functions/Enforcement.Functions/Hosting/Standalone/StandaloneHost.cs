using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Enforcement.Functions.Hosting.Standalone;

/// <summary>
/// Standalone mode (dotnet run, tests, a container): a plain WebApplication serving the same endpoints on
/// http://127.0.0.1:7071 unless URLs are configured, plus the app's own queue listeners and timers, configured from the
/// same [QueueTrigger]/[TimerTrigger] declarations and host.json that the Functions host reads.
/// </summary>
internal static class StandaloneHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, AppComposition app)
    {
        var builder = WebApplication.CreateBuilder(args);
        TriggerSettings.AddDefaults(builder.Configuration);
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.Configure<KestrelServerOptions>(kestrel => ServerBodyLimit.ApplyTo(kestrel, builder.Configuration));
        builder.Services.AddSingleton(_ => HostJson.Load(builder.Configuration));
        TriggerSettings.EnsureValid(builder.Configuration);

        app.AddServices(builder);
        builder.AddStandaloneTriggers();

        var web = builder.Build();
        app.UseMiddleware(web);
        app.MapEndpoints(web);
        return web;
    }
}
