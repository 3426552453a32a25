using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Events;

/// <summary>
/// Publishes committed events after the response has been sent: a write hands its marker over and this background
/// service publishes whatever has gathered, in batches, through <see cref="EventOutbox.PublishAsync"/>. Nothing here
/// needs to be durable: an event it never gets to (the process stopped or died, or it was not taken in) keeps its
/// marker in the table and the relay publishes it.
/// <para>
/// At most <see cref="OutboxOptions.MaxWaiting"/> markers wait in memory, so memory does not grow with the size of an
/// import that commits faster than events are published. A request's write (<see cref="Publish"/>) never waits: when
/// the queue is full its marker is left for the relay (later, not lost). A bulk writer
/// (<see cref="PublishWhenRoomAsync"/>) waits for room instead, which paces an import to the publishing rate and keeps
/// its events prompt.
/// </para>
/// </summary>
internal sealed class OutboxPublisher(EventOutbox outbox, IOptions<OutboxOptions> options, ILogger<OutboxPublisher> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(5);

    private readonly Channel<OutboxEntry> _waiting = Channel.CreateBounded<OutboxEntry>(
        new BoundedChannelOptions(options.Value.MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private int _peakWaiting;
    private long _leftForRelay;

    /// <summary>Markers handed over and not yet taken into a batch (the benchmark waits for this to reach zero); never
    /// more than <see cref="OutboxOptions.MaxWaiting"/>.</summary>
    public int Waiting => _waiting.Reader.Count;

    /// <summary>The most markers ever waiting at once since the start.</summary>
    public int PeakWaiting => Volatile.Read(ref _peakWaiting);

    /// <summary>Markers of requests' writes not taken in because the queue was full or the publisher stopping: the
    /// relay publishes them.</summary>
    public long LeftForRelay => Interlocked.Read(ref _leftForRelay);

    /// <summary>For a request's write: takes the marker if there is room, otherwise leaves it for the relay; never waits.</summary>
    public void Publish(OutboxEntry marker)
    {
        if (_waiting.Writer.TryWrite(marker))
        {
            NotePeak();
            return;
        }

        Interlocked.Increment(ref _leftForRelay);
        logger.LogInformation("Event {EventId} left for the outbox relay: the publisher is full ({MaxWaiting} waiting) or stopping", marker.EventId, options.Value.MaxWaiting);
    }

    /// <summary>For a bulk writer (an import): waits until there is room. If the publisher stops, or the caller gives
    /// up, the marker stays in its table for the relay.</summary>
    public async ValueTask PublishWhenRoomAsync(OutboxEntry marker, CancellationToken cancellationToken)
    {
        try
        {
            await _waiting.Writer.WriteAsync(marker, cancellationToken);
            NotePeak();
        }
        catch (ChannelClosedException)
        {
            Interlocked.Increment(ref _leftForRelay);
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

    private void NotePeak()
    {
        var now = _waiting.Reader.Count;
        var peak = Volatile.Read(ref _peakWaiting);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakWaiting, now, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    private async Task PublishWaitingAsync(CancellationToken cancellationToken)
    {
        var batch = new List<OutboxEntry>(MaxBatch);
        while (batch.Count < MaxBatch && _waiting.Reader.TryRead(out var next))
        {
            batch.Add(next);
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
