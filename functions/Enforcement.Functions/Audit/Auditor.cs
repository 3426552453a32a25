using System.Diagnostics;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Audit;

/// <summary>Builds audit records for the current request (who, from where) and appends them to the trail.</summary>
internal sealed class Auditor(AuditTrail trail, TimeProvider time)
{
    public async Task RecordAsync(HttpContext context, string operation, IEnumerable<string> records, string outcome)
    {
        var caller = context.Caller();
        var started = Stopwatch.GetTimestamp();
        await trail.AppendAsync(new AuditRecord(
            time.GetUtcNow(),
            caller.Subject,
            caller.Roles,
            caller.Office,
            caller.Region,
            caller.ApiKeyId,
            caller.AuthMethod,
            operation,
            records.ToList(),
            outcome,
            ClientAddress(context),
            Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier), context.RequestAborted);
        StorageRequestCounter.Current?.AddAuditWait(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Behind the Functions host the connection comes from loopback and the client is in X-Forwarded-For.</summary>
    private static string? ClientAddress(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && System.Net.IPAddress.IsLoopback(remote))
        {
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
            if (!string.IsNullOrWhiteSpace(forwarded))
            {
                var first = forwarded.Split(',')[0].Trim();
                return first.Length <= 64 ? first : first[..64];
            }
        }

        return remote?.ToString();
    }
}
