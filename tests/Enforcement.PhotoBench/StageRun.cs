using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Enforcement.Functions.Photos;

namespace Enforcement.PhotoBench;

/// <summary>The processing steps of PhotoProcessing, each timed: read the original from storage and check its hash,
/// then PhotoRendering (metadata, decode, resize, encode), then write the two copies to storage.</summary>
internal sealed class StageRun
{
    private readonly object _lock = new();
    private TimeSpan _storage, _hash, _metadata, _decode, _resize, _encode;
    private int _count;
    private long _sanitizedBytes, _thumbnailBytes;
    private TimeSpan _elapsed;

    public static async Task<StageRun> RunAsync(BenchStorage storage, List<PhotoEntity> photos, PhotoOptions options, int concurrency)
    {
        var run = new StageRun();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(photos, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (photo, ct) =>
        {
            var t = Stopwatch.GetTimestamp();
            var original = (await storage.Store.Original(photo.PartitionKey, photo.RowKey).DownloadContentAsync(ct)).Value.Content.ToMemory();
            var read = Stopwatch.GetElapsedTime(t);

            t = Stopwatch.GetTimestamp();
            if (Convert.ToHexStringLower(SHA256.HashData(original.Span)) != photo.Sha256)
            {
                throw new InvalidOperationException("Hash mismatch.");
            }

            var hash = Stopwatch.GetElapsedTime(t);
            var rendered = PhotoRendering.Render(original, PhotoFormat.Jpeg, options);

            t = Stopwatch.GetTimestamp();
            await Task.WhenAll(
                storage.Store.Derived(photo.PartitionKey, photo.RowKey, PhotoProcessingFunction.SanitizedJpeg).UploadAsync(BinaryData.FromBytes(rendered.Sanitized),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } }, ct),
                storage.Store.Derived(photo.PartitionKey, photo.RowKey, PhotoProcessingFunction.Thumbnail).UploadAsync(BinaryData.FromBytes(rendered.Thumbnail),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } }, ct));
            var write = Stopwatch.GetElapsedTime(t);
            run.Add(read + write, hash, rendered);
        });
        run._elapsed = Stopwatch.GetElapsedTime(started);
        return run;
    }

    private void Add(TimeSpan storage, TimeSpan hash, RenderedPhoto rendered)
    {
        lock (_lock)
        {
            _count++;
            _storage += storage;
            _hash += hash;
            _metadata += rendered.Timings.Metadata;
            _decode += rendered.Timings.Decode;
            _resize += rendered.Timings.Resize;
            _encode += rendered.Timings.Encode;
            _sanitizedBytes += rendered.Sanitized.Length;
            _thumbnailBytes += rendered.Thumbnail.Length;
        }
    }

    public void Print()
    {
        var total = _storage + _hash + _metadata + _decode + _resize + _encode;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {_count} photos in {_elapsed.TotalSeconds:F2} s = {_count / _elapsed.TotalSeconds:F2} photos/s; sanitized copy {_sanitizedBytes / _count / 1e6:F1} MB, thumbnail {_thumbnailBytes / _count / 1e3:F0} KB"));
        Console.WriteLine("   stage                      ms/photo   share");
        foreach (var (name, time) in new[] { ("decode (incl. orientation)", _decode), ("resize to 320 px", _resize), ("encode (JPEG q90 + thumbnail)", _encode), ("storage (read + 2 writes)", _storage), ("EXIF metadata", _metadata), ("SHA-256 check", _hash) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {name,-29} {time.TotalMilliseconds / _count,7:F1}  {time / total,6:P0}"));
        }
    }
}
