using System.IO.Compression;
using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// A file being streamed to its blob. The build loop only hashes (SHA-256 of the content, as the manifest reports it)
/// and hands the bytes to a small pipe; a pump compresses them (gzip, stored with Content-Encoding: gzip) and uploads
/// them block by block, so compression and uploads run alongside the scan and memory stays at the pipe's limit plus
/// one upload block, however long the file.
/// </summary>
internal sealed class FeedFileWriter : IAsyncDisposable
{
    private const int PipeLimitBytes = 512 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: PipeLimitBytes, resumeWriterThreshold: PipeLimitBytes / 2, useSynchronizationContext: false));
    private readonly Stream _blob;
    private readonly Task _pump;
    private long _size;
    private bool _completed;

    public FeedFileWriter(string name, Stream blob, CancellationToken cancellationToken)
    {
        Name = name;
        _blob = blob;
        _pump = Task.Run(() => PumpAsync(cancellationToken), CancellationToken.None);
    }

    public string Name { get; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _hash.AppendData(bytes.Span);
        _size += bytes.Length;
        var flushed = await _pipe.Writer.WriteAsync(bytes, cancellationToken);
        if (flushed.IsCompleted)
        {
            // The pump stopped: its failure surfaces here rather than after the whole scan.
            await _pump;
        }
    }

    /// <summary>Commits the blob (its block list) and returns what the manifest says about the file.</summary>
    public async Task<FeedFile> CompleteAsync(string mediaType)
    {
        _completed = true;
        await _pipe.Writer.CompleteAsync();
        await _pump;
        return new FeedFile(Name, mediaType, _size, Convert.ToHexStringLower(_hash.GetHashAndReset()));
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        // leaveOpen: disposing the blob stream commits it, which must happen only when the whole file got through.
        var gzip = new GZipStream(_blob, CompressionLevel.Fastest, leaveOpen: true);
        try
        {
            await _pipe.Reader.CopyToAsync(gzip, cancellationToken);
            await gzip.DisposeAsync();
            await _blob.DisposeAsync();
            await _pipe.Reader.CompleteAsync();
        }
        catch (Exception ex)
        {
            await _pipe.Reader.CompleteAsync(ex);
            throw;
        }
    }

    /// <summary>An abandoned file is left uncommitted on purpose; its version folder is never pointed to, and the next
    /// build takes a higher version.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _pipe.Writer.CompleteAsync(new OperationCanceledException("The build stopped."));
        }

        try
        {
            await _pump;
        }
        catch (Exception)
        {
            // The pump's failure was reported where the build met it (a write or CompleteAsync); this only releases.
        }

        _hash.Dispose();
    }
}
