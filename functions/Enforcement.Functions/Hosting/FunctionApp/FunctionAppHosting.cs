using Enforcement.Functions.Hosting.LocalTriggers;

namespace Enforcement.Functions.Hosting.FunctionApp;

/// <summary>
/// Makes the app an Azure Functions custom handler: under the host it listens where the host says and leaves
/// triggers to the host; standalone it serves HTTP itself (default http://127.0.0.1:7071) and drives its own triggers.
/// </summary>
internal static class FunctionAppHosting
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string DefaultStandaloneUrl = "http://127.0.0.1:7071";

    public static bool IsUnderFunctionsHost(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[CustomHandlerPortVariable]);

    public static WebApplicationBuilder AddFunctionApp(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);

        var hostPort = builder.Configuration[CustomHandlerPortVariable];
        if (!string.IsNullOrEmpty(hostPort))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
                 && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
        {
            builder.WebHost.UseUrls(DefaultStandaloneUrl);
        }

        // FunctionApp:Root lets tests run the same functions with a host.json of their own (e.g. faster retries).
        var appRoot = builder.Configuration["FunctionApp:Root"] ?? FunctionManifest.DefaultAppRoot;
        builder.Services.AddSingleton(_ => FunctionManifest.Load(appRoot));
        builder.Services.AddHostedService<FunctionHandlerCheck>();

        builder.Services.AddOptions<LocalTriggerOptions>().BindConfiguration(LocalTriggerOptions.Section);
        var localTriggers = builder.Configuration.GetValue<bool?>($"{LocalTriggerOptions.Section}:{nameof(LocalTriggerOptions.Enabled)}")
                            ?? !IsUnderFunctionsHost(builder.Configuration);
        if (localTriggers)
        {
            builder.Services.AddHostedService<LocalTriggerHost>();
        }

        return builder;
    }

    public static IServiceCollection AddQueueFunction<T>(this IServiceCollection services)
        where T : class, IQueueFunction =>
        services.AddSingleton<IQueueFunction, T>();

    public static IServiceCollection AddTimerFunction<T>(this IServiceCollection services)
        where T : class, ITimerFunction =>
        services.AddSingleton<ITimerFunction, T>();
}
