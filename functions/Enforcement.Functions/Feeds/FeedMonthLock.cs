using Azure;
using Azure.Storage.Blobs.Specialized;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// A held blob lease, renewed in the background while a build runs. If a renewal fails the lease may pass to another
/// build, so <see cref="Lost"/> is cancelled and the build stops (its message is retried).
/// </summary>
internal sealed class FeedMonthLock : IAsyncDisposable
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private readonly BlobLeaseClient _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public FeedMonthLock(BlobLeaseClient lease, ILogger logger, CancellationToken cancellationToken)
    {
        _lease = lease;
        _logger = logger;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _renewing = RenewAsync();
    }

    /// <summary>Cancelled when the lease could not be renewed or the caller's token is cancelled.</summary>
    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Duration / 3, _stop.Token);
                await _lease.RenewAsync(cancellationToken: _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                _logger.LogWarning("Renewing the feed build lease failed with {Status} {Code}; stopping the build", ex.Status, ex.ErrorCode);
                await _lost.CancelAsync();
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (RequestFailedException ex)
        {
            // The lease expires on its own within Duration.
            _logger.LogWarning("Releasing the feed build lease failed with {Status} {Code}", ex.Status, ex.ErrorCode);
        }

        _stop.Dispose();
        _lost.Dispose();
    }
}
