using System.Threading.Channels;

namespace Enforcement.Functions.Events;

/// <summary>
/// Publishes committed events after the response has been sent: a write hands its marker over with
/// <see cref="Publish"/> (no I/O, never waits) and this background service publishes whatever has gathered, in
/// batches, through <see cref="EventOutbox.PublishAsync"/>. Nothing here needs to be durable: an event it never gets
/// to (the process stopped or died) keeps its marker and the relay publishes it.
/// </summary>
internal sealed class OutboxPublisher(EventOutbox outbox, ILogger<OutboxPublisher> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(5);

    private readonly Channel<OutboxEntry> _waiting = Channel.CreateUnbounded<OutboxEntry>(new UnboundedChannelOptions { SingleReader = true });
    private int _count;

    /// <summary>Markers handed over and not yet taken into a batch (the benchmark waits for this to reach zero).</summary>
    public int Waiting => Volatile.Read(ref _count);

    public void Publish(OutboxEntry marker)
    {
        Interlocked.Increment(ref _count);
        if (!_waiting.Writer.TryWrite(marker))
        {
            Interlocked.Decrement(ref _count);
            logger.LogInformation("Event {EventId} left for the outbox relay: the publisher is stopping", marker.EventId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                await PublishWaitingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _waiting.Writer.TryComplete();
            using var drain = new CancellationTokenSource(DrainOnStop);
            try
            {
                await PublishWaitingAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
                logger.LogInformation("Events not published before shutdown are left for the outbox relay");
            }
        }
    }

    private async Task PublishWaitingAsync(CancellationToken cancellationToken)
    {
        var batch = new List<OutboxEntry>(MaxBatch);
        while (batch.Count < MaxBatch && _waiting.Reader.TryRead(out var next))
        {
            batch.Add(next);
            Interlocked.Decrement(ref _count);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await outbox.PublishAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A background service that throws stops for good; the markers stay for the relay.
            logger.LogWarning(ex, "Publishing {Count} events failed; the outbox relay will publish them", batch.Count);
        }
    }
}
