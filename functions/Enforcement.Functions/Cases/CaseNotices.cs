using System.Text.Json.Nodes;
using Enforcement.Functions.Events;
using Enforcement.Functions.Inbox;

namespace Enforcement.Functions.Cases;

/// <summary>
/// Brings case events to the people who must act on them, through their inbox: an assignment (also the one made when a case
/// is opened with a lead and team) to the lead and each team member; a stage deadline's warning and overdue flag to the lead and the
/// owning office's supervisors; a task's reminder and overdue flag to its assignee. Recipients come from the timeline
/// row the event points at (a point read), so a later reassignment does not redirect an earlier notice. The notice id
/// is the event id, so a redelivered event adds nothing; the text names the case and what happened, never a person or
/// free text of the case. Other case events (stage and status changes, bundles) are taken and left alone.
/// </summary>
internal sealed class CaseNotices(CaseStore cases, InboxDelivery inbox, ILogger<CaseNotices> logger) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType.StartsWith("case.", StringComparison.Ordinal);

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (Text(recordEvent.Type, recordEvent.RecordId) is not { } text)
        {
            return;
        }

        var timeline = await cases.GetRowAsync<TimelineEntity>(recordEvent.RecordId, TimelineEntity.RowKeyFor(recordEvent.Version), cancellationToken);
        if (timeline is null)
        {
            logger.LogWarning("Case event {EventId} points at no timeline row", recordEvent.EventId);
            return;
        }

        var detail = JsonNode.Parse(timeline.Detail) as JsonObject ?? [];
        IEnumerable<string?> people;
        string? office = null;
        switch (recordEvent.Type)
        {
            case CaseEventTypes.Assigned:
                people = Subjects(detail["team"]).Prepend(Subject(detail["leadInvestigator"]));
                break;
            case CaseEventTypes.TaskReminder or CaseEventTypes.TaskOverdue:
                people = [Subject(detail["assignee"])];
                break;
            default:
                if (await cases.GetAsync(recordEvent.RecordId, cancellationToken) is not { } current)
                {
                    logger.LogWarning("Case event {EventId} names a case that does not exist", recordEvent.EventId);
                    return;
                }

                people = [current.LeadInvestigator];
                office = current.OwningOffice;
                break;
        }

        var recipients = people.OfType<string>().Select(RecipientKeys.User).ToList();
        if (office is not null)
        {
            recipients.Add(RecipientKeys.Supervisors(office));
        }

        if (recipients.Count > 0)
        {
            await inbox.DeliverNoticeAsync(recipients, new InboxNotice(recordEvent.EventId, recordEvent.Type, text, recordEvent.RecordId), cancellationToken);
        }
    }

    private static string? Text(string type, string caseId) => type switch
    {
        CaseEventTypes.Assigned => $"You are on the team of case {caseId}.",
        CaseEventTypes.DeadlineWarning => $"Case {caseId}: the statutory deadline of its stage is near.",
        CaseEventTypes.Overdue => $"Case {caseId}: the statutory deadline of its stage has passed.",
        CaseEventTypes.TaskReminder => $"Case {caseId}: a task assigned to you is due soon.",
        CaseEventTypes.TaskOverdue => $"Case {caseId}: a task assigned to you is overdue.",
        _ => null,
    };

    private static string? Subject(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static IEnumerable<string?> Subjects(JsonNode? node) => node is JsonArray array ? array.Select(Subject) : [];
}
