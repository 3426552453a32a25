using System.Globalization;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Diagnostics;

/// <summary>Adds <c>Server-Timing: storage;dur=&lt;ms&gt;;desc="&lt;n&gt; requests"</c> to every response, counting
/// the storage requests the API call made, and <c>, audit;dur=&lt;ms&gt;</c> when it waited for its audit entries
/// (stored by the audit trail's group commit, one transaction for many requests, not counted above). Switch off with
/// Diagnostics:ServerTiming=false.</summary>
internal static class ServerTiming
{
    public static IApplicationBuilder UseStorageServerTiming(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Diagnostics:ServerTiming", true))
        {
            return app;
        }

        return app.Use(static async (context, next) =>
        {
            var tally = StorageRequestCounter.BeginTally();
            context.Response.OnStarting(static state =>
            {
                var (response, tally) = ((HttpResponse, StorageRequestTally))state;
                var audit = tally.AuditWait > TimeSpan.Zero
                    ? string.Create(CultureInfo.InvariantCulture, $", audit;dur={tally.AuditWait.TotalMilliseconds:0.#};desc=\"group commit\"")
                    : string.Empty;
                response.Headers.Append("Server-Timing", string.Create(CultureInfo.InvariantCulture,
                    $"storage;dur={tally.Duration.TotalMilliseconds:0.#};desc=\"{tally.Count} requests\"{audit}"));
                return Task.CompletedTask;
            }, (context.Response, tally));
            await next(context);
        });
    }
}
