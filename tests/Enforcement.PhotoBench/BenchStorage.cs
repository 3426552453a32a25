using Enforcement.BenchKit;
using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Enforcement.Functions.Events;
using Enforcement.Functions.Hosting;
using Enforcement.Functions.Photos;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Enforcement.PhotoBench;

/// <summary>A private in-memory Azurite (random account, free ports) with the app's photo store on top.</summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    public const string SeizureId = "SZ-202611-01JD3XQ5ZK8M4T7R2B";

    private readonly PrivateAzurite _azurite;

    private BenchStorage(PrivateAzurite azurite)
    {
        _azurite = azurite;
        Tables = azurite.Tables;
        Blobs = azurite.Blobs;
        Queues = azurite.Queues;
        Names = new StorageNames("bench");
        Outbox = new EventOutbox(Tables, Queues, Names, [], Options.Create(new OutboxOptions()), TimeProvider.System, NullLogger<EventOutbox>.Instance);
        Store = new PhotoStore(Tables, Blobs, Queues, Names, Outbox, TimeProvider.System);
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public StorageNames Names { get; }

    public EventOutbox Outbox { get; }

    public PhotoStore Store { get; }

    public static async Task<BenchStorage> StartAsync()
    {
        var storage = new BenchStorage(await PrivateAzurite.StartAsync("photobench", CancellationToken.None));
        await new StorageInitializer(storage.Tables, storage.Queues, storage.Blobs, storage.Names, NullLogger<StorageInitializer>.Instance).StartAsync(CancellationToken.None);
        return storage;
    }

    /// <summary>Checks and stores <paramref name="count"/> originals the way intake does (each a distinct photo id).</summary>
    public async Task<IntakeRun> IntakeAsync(byte[][] images, int count, PhotoOptions options)
    {
        var photos = new List<PhotoEntity>();
        TimeSpan inspect = TimeSpan.Zero, store = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            // One changed byte in a JPEG comment makes each photo distinct content, so none is a duplicate of another.
            var bytes = WithComment(images[i % images.Length], i);
            var started = Stopwatch.GetTimestamp();
            var received = await PhotoBody.ReadCappedAsync(new MemoryStream(bytes), options.MaxBytes, PhotoFormat.Jpeg, CancellationToken.None)
                ?? throw new InvalidOperationException("A generated photo is over Photos:MaxBytes.");
            var inspection = ImageInspection.Inspect(received.Bytes.Span, options.MaxPixels);
            inspect += Stopwatch.GetElapsedTime(started);
            var image = inspection.Image ?? throw new InvalidOperationException($"A generated photo was refused: {inspection.Problem}");

            started = Stopwatch.GetTimestamp();
            var outcome = await Store.AddAsync(new NewPhoto(SeizureId, received, image, null, null, "bench"), null, (_, _) => Task.CompletedTask, CancellationToken.None);
            store += Stopwatch.GetElapsedTime(started);
            photos.Add(((IntakeOutcome.Accepted)outcome).Photo);
        }

        return new IntakeRun(photos, inspect, store);
    }

    public async Task<FunctionRun> RunFunctionAsync(HostJson hostJson, PhotoOptions options, List<PhotoEntity> photos, int concurrency)
    {
        using var limiter = new ImageWorkLimiter(Options.Create(options));
        var function = new PhotoProcessingFunction(Store, limiter, hostJson, Options.Create(options), TimeProvider.System, NullLogger<PhotoProcessingFunction>.Instance);
        var durations = new double[photos.Count];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, photos.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var message = JsonSerializer.Serialize(new PhotoProcessingMessage(photos[i].PartitionKey, photos[i].RowKey), PhotoJsonContext.Default.PhotoProcessingMessage);
            var one = Stopwatch.GetTimestamp();
            await function.RunAsync(message, 1, ct);
            durations[i] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var photo in photos)
        {
            if ((await Store.GetAsync(photo.PartitionKey, photo.RowKey, CancellationToken.None))?.Status != PhotoStatus.Ready)
            {
                throw new InvalidOperationException($"Photo {photo.RowKey} was not processed.");
            }
        }

        Array.Sort(durations);
        return new FunctionRun(photos.Count, elapsed, durations[durations.Length / 2], durations[(int)Math.Min(durations.Length - 1, Math.Ceiling(durations.Length * 0.95) - 1)]);
    }

    private static byte[] WithComment(byte[] jpeg, int i)
    {
        var comment = System.Text.Encoding.ASCII.GetBytes($"bench {i:D6}");
        byte[] segment = [0xFF, 0xFE, 0, (byte)(comment.Length + 2), .. comment];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}

internal sealed record IntakeRun(List<PhotoEntity> Photos, TimeSpan Inspect, TimeSpan Store);

internal sealed record FunctionRun(int Count, TimeSpan Elapsed, double P50, double P95);
