using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Inbox;

/// <summary>
/// Queue "escalations": a round of an escalation chain. A message that arrives early (a retry, a clock ahead) is put
/// back with the remaining delay; a due one notifies the owning office's supervisors through their inbox (one notice
/// per round, so a repeated message is a no-op) and schedules the next round, until the item is acknowledged by
/// every pending recipient, expires or its group freezes.
/// </summary>
internal sealed class EscalationFunction(IEnumerable<IEscalationSubject> subjects, Escalations escalations, InboxDelivery inbox, TimeProvider time,
    ILogger<EscalationFunction> logger)
{
    public const int MaxRounds = 96;

    [Function("Escalations")]
    public async Task RunAsync([QueueTrigger("%EscalationsQueue%")] string message, CancellationToken cancellationToken)
    {
        var request = Escalations.Deserialize(message) ?? throw new InvalidOperationException("The message is not an escalation request.");
        var now = time.GetUtcNow();
        if (now < request.DueAt)
        {
            await escalations.ScheduleAsync(request, cancellationToken);
            return;
        }

        var subject = subjects.FirstOrDefault(s => s.Handles(request.Kind)) ?? throw new InvalidOperationException($"No escalation subject takes '{request.Kind}'.");
        var pending = await subject.PendingAsync(request.ItemId, now, cancellationToken);
        if (pending is null || pending.Count == 0 || request.Round > MaxRounds)
        {
            logger.LogInformation("Escalation of {Kind} {ItemId} ends after round {Round}", request.Kind, request.ItemId, request.Round);
            return;
        }

        var minutes = request.WindowSeconds * request.Round / 60;
        await inbox.DeliverNoticeAsync([RecipientKeys.Supervisors(request.Office)],
            new InboxNotice($"escalation|{request.Kind}|{request.ItemId}|{request.Round}", "escalation",
                $"Urgent {request.Kind} {request.ItemId} not acknowledged after {minutes} min by {pending.Count} recipient(s).", request.ItemId),
            cancellationToken);
        await escalations.ScheduleAsync(request with { Round = request.Round + 1, DueAt = request.DueAt.AddSeconds(request.WindowSeconds) }, cancellationToken);
        logger.LogInformation("Escalated {Kind} {ItemId} to the supervisors of {Office} (round {Round})", request.Kind, request.ItemId, request.Office, request.Round);
    }
}
