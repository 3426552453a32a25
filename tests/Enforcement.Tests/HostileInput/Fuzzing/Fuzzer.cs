using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.HostileInput.Fuzzing;

public sealed record FuzzResult(FuzzRequest Request, int Status, string? MediaType, TimeSpan Elapsed, string? Error, string Body);

/// <summary>What a run found: every result, and the failures by the suite's rules.</summary>
public sealed record FuzzReport(IReadOnlyList<FuzzResult> Results, IReadOnlyList<string> Failures, TimeSpan Duration, int MarkersFound)
{
    public IReadOnlyDictionary<int, int> Histogram => Results.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    public int Operations => Results.Select(r => r.Request.Operation.OperationId).Distinct(StringComparer.Ordinal).Count();

    public string Summary =>
        $"{Results.Count} requests over {Operations} operations in {Duration.TotalSeconds:0.0} s (slowest {Results.Max(r => r.Elapsed).TotalMilliseconds:0} ms; "
        + $"{MarkersFound} markers of accepted requests found in storage); status: "
        + string.Join(", ", Histogram.Select(h => $"{h.Key}×{h.Value}"));
}

/// <summary>
/// Sends the plan with limited parallelism and judges each answer: no 5xx, no transport failure, no answer slower
/// than <see cref="SlowBound"/>, every 4xx a problem+json, a bad credential 401; and after the run, no marker of a
/// rejected request anywhere in table storage.
/// </summary>
public sealed partial class Fuzzer(EnforcementApp app, FuzzCallers callers)
{
    /// <summary>Generous for a shared two-core machine: a hang (the defect) is tens of seconds.</summary>
    public static readonly TimeSpan SlowBound = TimeSpan.FromSeconds(10);

    public const int Parallelism = 4;

    public async Task<FuzzReport> RunAsync(IReadOnlyList<FuzzRequest> requests)
    {
        var clock = Stopwatch.StartNew();
        var results = new ConcurrentBag<FuzzResult>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, ct) => results.Add(await SendAsync(request, ct)));
        var ordered = results.OrderBy(r => r.Request.Operation.OperationId, StringComparer.Ordinal).ThenBy(r => r.Request.Kind, StringComparer.Ordinal).ToList();

        var failures = ordered.Select(Judge).OfType<string>().ToList();
        var (stored, markersFound) = await StoredFromRejectedAsync(ordered);
        failures.AddRange(stored);
        return new FuzzReport(ordered, failures, clock.Elapsed, markersFound);
    }

    private static string? Judge(FuzzResult result)
    {
        var what = $"{result.Request} → {result.Status}";
        if (result.Error is not null)
        {
            return $"{what}: the request failed ({result.Error})";
        }

        if (result.Status >= 500)
        {
            return $"{what}: a server error: {result.Body}";
        }

        if (result.Elapsed > SlowBound)
        {
            return $"{what}: answered after {result.Elapsed.TotalSeconds:0.0} s";
        }

        if (result.Request.ServerMayRefuse && result.Status == 400 && result.MediaType is null)
        {
            return null;
        }

        if (result.Status is >= 400 and < 500 && result.MediaType != "application/problem+json")
        {
            return $"{what}: a 4xx that is not problem+json ({result.MediaType ?? "no content type"})";
        }

        if (result.Request.ExpectUnauthorized && result.Status != 401)
        {
            return $"{what}: a malformed credential was not refused with 401";
        }

        return null;
    }

    private async Task<FuzzResult> SendAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        foreach (var (name, header) in request.Headers)
        {
            var value = header == FuzzPlan.CurrentETag ? await CurrentETagAsync(request, cancellationToken) : header;
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await callers.Client(request.Caller).SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new FuzzResult(request, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, clock.Elapsed, null,
                body.Length > 300 ? body[..300] : body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new FuzzResult(request, 0, null, clock.Elapsed, $"{ex.GetType().Name}: {ex.Message}", string.Empty);
        }
    }

    /// <summary>The ETag of the record a PATCH aims at (read as the same caller), or one that never matches.</summary>
    private async Task<string> CurrentETagAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await callers.Client(request.Caller).GetAsync(request.Url.Split('?')[0], cancellationToken);
            return response.Headers.ETag?.ToString() ?? "\"0\"";
        }
        catch (HttpRequestException)
        {
            return "\"0\"";
        }
    }

    /// <summary>Every marker found in any table must belong to an accepted request.</summary>
    private async Task<(IEnumerable<string> Failures, int MarkersFound)> StoredFromRejectedAsync(IReadOnlyList<FuzzResult> results)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var byMarker = results.Where(r => r.Request.Marker is not null).ToDictionary(r => r.Request.Marker!, StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var name in StorageNames.Tables.All)
        {
            await foreach (var entity in app.Table(name).QueryAsync<TableEntity>())
            {
                foreach (var text in entity.Select(p => p.Value).OfType<string>())
                {
                    foreach (Match match in Marker().Matches(text))
                    {
                        found.Add(match.Value);
                        if (byMarker.TryGetValue(match.Value, out var result) && result.Status is < 200 or >= 300)
                        {
                            failures.Add($"{result.Request} → {result.Status}: rejected, but stored in table {name} ({entity.PartitionKey}/{entity.RowKey})");
                        }
                    }
                }
            }
        }

        return (failures.Distinct(StringComparer.Ordinal), found.Count);
    }

    [GeneratedRegex("fz[0-9a-f]{8}q")]
    private static partial Regex Marker();
}
