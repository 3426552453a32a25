using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Enforcement.Functions.Photos;

/// <summary>
/// A seekable read-only view of one blob version for ASP.NET Core's range processing: seeking is free, and the first
/// read downloads from the position to the end in one streaming request, pinned to the ETag read before (If-Match).
/// The response writer seeks to the requested range and reads only its length, so a range costs one ranged GET.
/// </summary>
internal sealed class BlobRangeStream(BlobClient blob, long length, ETag etag) : Stream
{
    private Stream? _download;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            _download?.Dispose();
            _download = null;
            _position = target;
        }

        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        if (_download is null)
        {
            var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions
            {
                Range = new HttpRange(_position),
                Conditions = new BlobRequestConditions { IfMatch = etag },
            }, cancellationToken);
            _download = response.Value.Content;
        }

        var read = await _download.ReadAsync(buffer, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _download?.Dispose();
        }

        base.Dispose(disposing);
    }
}
