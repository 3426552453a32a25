using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Enforcement.Functions.Diagnostics;

/// <summary>
/// Traces, metrics and logs to Application Insights through OpenTelemetry, only when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set (with Entra ID ingestion when APPLICATIONINSIGHTS_AUTHENTICATION_STRING
/// names a managed identity). Query strings are dropped from request telemetry: searches carry names and documents.
/// </summary>
internal static class Telemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }

        var credential = CredentialFrom(builder.Configuration[AuthenticationSetting]);
        void Configure(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = connectionString;
            options.Credential = credential;
        }

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null))
                .AddSource("Azure.*")
                .AddAzureMonitorTraceExporter(Configure))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddAzureMonitorMetricExporter(Configure));
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.AddAzureMonitorLogExporter(Configure);
        });
        return builder;
    }

    /// <summary>"ClientId=&lt;id&gt;;Authorization=AAD" → that user-assigned identity; absent → the instrumentation key alone.</summary>
    private static TokenCredential? CredentialFrom(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }
}
