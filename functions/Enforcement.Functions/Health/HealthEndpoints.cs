using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enforcement.Functions.Health;

/// <summary>GET /api/health: whether tables, blobs and queues answer. Open to anyone (load balancers, probes);
/// it reveals no names, only states.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckHealth).WithTags("Health").WithName(nameof(CheckHealth)).AllowAnonymous();
        return app;
    }

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckHealth(
        TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, StorageNames names, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            Probe("tables", async ct =>
            {
                await foreach (var _ in tables.GetTableClient(names.Table(StorageNames.Tables.Outbox)).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages(pageSizeHint: 1))
                {
                    break;
                }
            }, cancellationToken),
            Probe("blobs", async ct =>
            {
                await foreach (var _ in blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
                {
                    break;
                }
            }, cancellationToken),
            Probe("queues", ct => queues.GetQueueClient(names.Queue(StorageNames.Queues.SeizureEvents)).GetPropertiesAsync(ct), cancellationToken));
        var report = new HealthReport(checks.All(c => c.Status == "ok") ? "ok" : "degraded", checks.ToDictionary(c => c.Name, c => c.Status));
        return report.Status == "ok"
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(string Name, string Status)> Probe(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await probe(timeout.Token);
            return (name, "ok");
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return (name, "unavailable");
        }
    }
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Storage);
