using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;

namespace Enforcement.Functions.Hosting.Worker;

/// <summary>
/// Worker mode: the Functions host owns the public HTTP endpoint and the triggers, and calls the app's functions over
/// its gRPC protocol. HTTP reaches the one catch-all function (<see cref="HttpApiFunction"/>), which runs the app's own
/// ASP.NET Core pipeline; queue and timer functions are invoked by the host.
/// </summary>
internal static class WorkerHost
{
    public static IHost Build(string[] args, AppComposition app, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        TriggerSettings.AddDefaults(builder.Configuration);
        builder.Configuration.AddInMemoryCollection([
            new(HostMode.LaunchedByFunctionsHostSetting, HostMode.IsFunctionsWorker(args) ? "true" : "false"),
            new(HostMode.BehindFunctionsProxySetting, "true"),
        ]);
        configure?.Invoke(builder);

        app.AddServices(builder);
        builder.Services.AddRouting();
        builder.Services.AddSingleton(sp => new AspNetCorePipeline(sp, app));
        builder.Services.AddSingleton(_ => HostJson.Load(builder.Configuration));
        builder.Services.Configure<KestrelServerOptions>(kestrel => ServerBodyLimit.ApplyTo(kestrel, builder.Configuration));
        TriggerSettings.EnsureValid(builder.Configuration);

        var host = builder.Build();
        host.Services.GetRequiredService<AspNetCorePipeline>().EnsureBuilt();
        return host;
    }
}
