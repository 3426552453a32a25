using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Photos;

/// <summary>
/// Decoding is what takes memory: a 12-megapixel photo needs about 48 MB of pixels (twice that while its orientation is
/// applied), and the queue trigger hands an instance up to batchSize (16) messages at once. At most
/// <see cref="PhotoOptions.MaxConcurrentImageWork"/> decodes run at a time per instance (default: one per core, which
/// is all the CPU there is anyway); the rest wait here, their messages kept invisible by the trigger.
/// </summary>
internal sealed class ImageWorkLimiter(IOptions<PhotoOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Slots(options.Value));

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    private static int Slots(PhotoOptions options) => options.MaxConcurrentImageWork > 0 ? options.MaxConcurrentImageWork : Environment.ProcessorCount;

    public void Dispose() => _slots.Dispose();
}
