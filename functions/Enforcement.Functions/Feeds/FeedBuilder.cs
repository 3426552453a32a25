using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// Builds every scope's feed of a month in one pass over the month's seizures partition: each record is projected
/// once, then its JSON line and CSV rows are appended to the streaming uploads of the scopes it belongs to. Memory
/// holds a few table pages, one upload block per open file and the summaries' counts, whatever the month's size.
/// A scope whose content equals its published version keeps that version (its new files are removed unpublished);
/// otherwise the new version is published (manifest, then the pointer) and announced with feed.published.
/// </summary>
internal sealed class FeedBuilder(
    SeizureReader seizures,
    FeedStore store,
    FeedPseudonyms pseudonyms,
    EventOutbox outbox,
    TimeProvider time,
    ILogger<FeedBuilder> logger)
{
    private const int PageSize = 1000;
    private static readonly string[] Columns = [nameof(SeizureEntity.RowKey), nameof(SeizureEntity.Facts)];

    /// <summary>Builds the month; null when another build of the same month is running (try again later).</summary>
    public async Task<IReadOnlyList<FeedScopeOutcome>?> BuildAsync(string month, CancellationToken cancellationToken)
    {
        await using var monthLock = await store.TryLockMonthAsync(month, logger, cancellationToken);
        if (monthLock is null)
        {
            return null;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var lockedToken = monthLock.Lost;
        var pseudonymizer = await pseudonyms.GetAsync(lockedToken);
        var starting = FeedScopes.All.Select(scope => StartAsync(scope, month, lockedToken)).ToList();
        ScopeBuild[] builds;
        try
        {
            builds = await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        try
        {
            await ScanAsync(LinesAsync(month, pseudonymizer, lockedToken), builds, lockedToken);
            var outcomes = await Task.WhenAll(builds.Select(build => FinishAsync(build, lockedToken)));
            logger.LogInformation("Built the {Month} feeds of {Scopes} scopes from {Records} seizures in {Elapsed} ms",
                month, outcomes.Length, builds[0].Summary.Seizures, (int)Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
            return outcomes;
        }
        finally
        {
            foreach (var build in builds)
            {
                await build.DisposeAsync();
            }
        }
    }

    private async Task<ScopeBuild> StartAsync(string scope, string month, CancellationToken cancellationToken)
    {
        var previous = store.GetPointerAsync(scope, month, cancellationToken);
        var version = await store.NextVersionAsync(scope, month, cancellationToken);
        var json = await store.OpenNewCompressedFileAsync(FeedFiles.PathOf(scope, month, version, FeedFiles.SeizuresJson), FeedFiles.JsonLinesMediaType, cancellationToken);
        var csv = await store.OpenNewCompressedFileAsync(FeedFiles.PathOf(scope, month, version, FeedFiles.SeizuresCsv), FeedFiles.CsvMediaType, cancellationToken);
        var build = new ScopeBuild(scope, month, version, await previous,
            new FeedFileWriter(FeedFiles.SeizuresJson, json, cancellationToken), new FeedFileWriter(FeedFiles.SeizuresCsv, csv, cancellationToken));
        await build.Csv.WriteAsync(Encoding.UTF8.GetBytes(FeedCsv.Header), cancellationToken);
        return build;
    }

    private static async Task ScanAsync(IAsyncEnumerable<FeedLine[]> lines, ScopeBuild[] builds, CancellationToken cancellationToken)
    {
        await foreach (var page in lines.WithCancellation(cancellationToken))
        {
            foreach (var line in page)
            {
                for (var i = 0; i < builds.Length; i++)
                {
                    if (FeedScopes.Includes(line.Regions, i))
                    {
                        await builds[i].Json.WriteAsync(line.Json, cancellationToken);
                        await builds[i].Csv.WriteAsync(line.Csv, cancellationToken);
                        builds[i].Summary.Add(line.Record);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The month's seizure rows (<see cref="SeizureReader.MonthPagesAsync"/>), as feed lines, a page at a time, in
    /// three overlapping stages joined by one-page channels: the table query fetches the next page while the previous
    /// one is projected and serialized, while the one before is written. At most a few pages are in memory.
    /// </summary>
    private async IAsyncEnumerable<FeedLine[]> LinesAsync(string month, Pseudonymizer pseudonymizer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = Channel.CreateBounded<IReadOnlyList<SeizureEntity>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var lines = Channel.CreateBounded<FeedLine[]>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetching = Stage(pages.Writer, async () =>
        {
            await foreach (var page in seizures.MonthPagesAsync(month, PageSize, Columns, stop.Token))
            {
                await pages.Writer.WriteAsync(page, stop.Token);
            }
        });
        var projecting = Stage(lines.Writer, async () =>
        {
            using var serializer = new FeedLineSerializer(pseudonymizer);
            await foreach (var page in pages.Reader.ReadAllAsync(stop.Token))
            {
                await lines.Writer.WriteAsync(page.Select(serializer.Serialize).ToArray(), stop.Token);
            }
        });

        try
        {
            await foreach (var page in lines.Reader.ReadAllAsync(cancellationToken))
            {
                yield return page;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(fetching, projecting);
        }

        // Runs a stage on the thread pool; its failure (or the build's) completes its output channel, ending the stages after it.
        static Task Stage<T>(ChannelWriter<T> output, Func<Task> run) => Task.Run(async () =>
        {
            try
            {
                await run();
                output.Complete();
            }
            catch (Exception ex)
            {
                output.Complete(ex);
            }
        }, CancellationToken.None);
    }

    private async Task<FeedScopeOutcome> FinishAsync(ScopeBuild build, CancellationToken cancellationToken)
    {
        var (scope, month, version) = (build.Scope, build.Month, build.Version);
        var json = await build.Json.CompleteAsync(FeedFiles.JsonLinesMediaType);
        var csv = await build.Csv.CompleteAsync(FeedFiles.CsvMediaType);

        var previousMonth = store.ReadLatestSummaryAsync(scope, FeedMonths.Previous(month), cancellationToken);
        var yearBefore = store.ReadLatestSummaryAsync(scope, FeedMonths.YearBefore(month), cancellationToken);
        var summary = build.Summary.Build(scope, month, await previousMonth, await yearBefore);
        var summaryBytes = JsonSerializer.SerializeToUtf8Bytes(summary, FeedJsonContext.Default.FeedSummary);
        await store.UploadNewFileAsync(FeedFiles.PathOf(scope, month, version, FeedFiles.Summary), BinaryData.FromBytes(summaryBytes), FeedFiles.JsonMediaType, cancellationToken);
        FeedFile[] files = [json, csv, new FeedFile(FeedFiles.Summary, FeedFiles.JsonMediaType, summaryBytes.Length, Sha256Hex.Of(summaryBytes))];
        var contentHash = Sha256Hex.Of(string.Join('\n', files.Select(f => $"{f.Name}:{f.Sha256}")));

        FeedPointer published;
        var changed = build.Previous?.Pointer.ContentHash != contentHash;
        if (!changed)
        {
            published = build.Previous!.Pointer;
            foreach (var file in files)
            {
                await store.DeleteUnpublishedAsync(FeedFiles.PathOf(scope, month, version, file.Name), cancellationToken);
            }
        }
        else
        {
            var generatedAt = time.GetUtcNow();
            var manifest = new FeedManifest(scope, month, version, generatedAt, build.Summary.Seizures, build.Summary.Items, contentHash, files);
            await store.UploadNewFileAsync(FeedFiles.PathOf(scope, month, version, FeedFiles.Manifest),
                BinaryData.FromObjectAsJson(manifest, FeedJsonContext.Default.FeedManifest), FeedFiles.JsonMediaType, cancellationToken);
            published = new FeedPointer(version, generatedAt, build.Summary.Seizures, contentHash);
            await store.WritePointerAsync(scope, month, published, build.Previous, cancellationToken);
        }

        await AnnounceAsync(scope, month, published, cancellationToken);
        return new FeedScopeOutcome(scope, published.Version, changed, published.RecordCount);
    }

    /// <summary>Lists the published version in the month index and emits feed.published once per version, also when
    /// a previous build published but was cut short before announcing.</summary>
    private async Task AnnounceAsync(string scope, string month, FeedPointer published, CancellationToken cancellationToken)
    {
        var entry = await store.GetEntryAsync(scope, month, cancellationToken);
        if (entry is not null && entry.Version == published.Version && entry.AnnouncedVersion == published.Version)
        {
            return;
        }

        entry ??= new FeedEntity { PartitionKey = scope, RowKey = month };
        entry.Version = published.Version;
        entry.GeneratedAt = published.GeneratedAt;
        entry.RecordCount = published.RecordCount;
        entry.ContentHash = published.ContentHash;
        entry.ManifestPath = FeedFiles.PathOf(scope, month, published.Version, FeedFiles.Manifest);
        await store.UpsertEntryAsync(entry, cancellationToken);

        var feedId = $"{scope}/{month}";
        await outbox.EnqueueAsync(new RecordEvent(RecordEvent.IdFor(feedId, published.Version), RecordEventTypes.FeedPublished, feedId, published.Version, time.GetUtcNow()), cancellationToken);
        entry.AnnouncedVersion = published.Version;
        await store.UpsertEntryAsync(entry, cancellationToken);
    }

    private sealed class ScopeBuild(string scope, string month, int version, StoredPointer? previous, FeedFileWriter json, FeedFileWriter csv) : IAsyncDisposable
    {
        public string Scope => scope;

        public string Month => month;

        public int Version => version;

        public StoredPointer? Previous => previous;

        public FeedFileWriter Json => json;

        public FeedFileWriter Csv => csv;

        public FeedSummaryBuilder Summary { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await json.DisposeAsync();
            await csv.DisposeAsync();
        }
    }
}

/// <summary>What a build did for one scope: the version now published, and whether this build published it.</summary>
internal sealed record FeedScopeOutcome(string Scope, int Version, bool Published, int RecordCount);
