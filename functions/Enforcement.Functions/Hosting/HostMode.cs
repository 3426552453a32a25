namespace Enforcement.Functions.Hosting;

/// <summary>Decides, before any builder exists, which of the two modes this process runs in.</summary>
internal static class HostMode
{
    /// <summary>Set in configuration by the worker-mode builder: HTTP then reaches the app through the host's proxy.</summary>
    public const string BehindFunctionsProxySetting = "Hosting:BehindFunctionsProxy";

    /// <summary>Set in configuration by the worker-mode builder when the Functions host launched the process.</summary>
    public const string LaunchedByFunctionsHostSetting = "Hosting:LaunchedByFunctionsHost";

    /// <summary>
    /// The Functions host always starts a .NET isolated worker with <c>--functions-uri</c> (its gRPC endpoint), and the
    /// worker cannot start without it, so it is exactly the signal to branch on. FUNCTIONS_WORKER_RUNTIME is not: it is
    /// an app setting that local.settings.json and exported development environments carry too.
    /// </summary>
    public static bool IsFunctionsWorker(string[] args) =>
        args.Any(a => a.Equals("--functions-uri", StringComparison.OrdinalIgnoreCase)
                      || a.StartsWith("--functions-uri=", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));

    public static bool BehindFunctionsProxy(IConfiguration configuration) =>
        configuration.GetValue<bool>(BehindFunctionsProxySetting);

    public static bool LaunchedByFunctionsHost(IConfiguration configuration) =>
        configuration.GetValue<bool>(LaunchedByFunctionsHostSetting);
}
