using System.Text.Json;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Cases;

/// <summary>
/// Who may see a case: analysts every case; officers and supervisors of the owning office (a port covers its units);
/// the lead investigator and named team members. Anyone else is told the case does not exist. Stage, status and
/// assignment changes, and legal holds on its exhibits, need a supervisor of the office, an analyst or the lead investigator.
/// </summary>
internal sealed class CaseAccess(CaseStore store, Auditor auditor)
{
    public static bool CanRead(Caller caller, CaseEntity entity) =>
        caller.IsInRole(Roles.Analyst)
        || (caller.IsInRole(Roles.Officer, Roles.Supervisor) && caller.CoversOffice(entity.OwningOffice))
        || string.Equals(entity.LeadInvestigator, caller.Subject, StringComparison.Ordinal)
        || CaseMapping.TeamOf(entity).Contains(caller.Subject, StringComparer.Ordinal);

    public static bool CanSteer(Caller caller, CaseEntity entity) =>
        caller.IsInRole(Roles.Analyst)
        || (caller.IsInRole(Roles.Supervisor) && caller.CoversOffice(entity.OwningOffice))
        || string.Equals(entity.LeadInvestigator, caller.Subject, StringComparison.Ordinal);

    /// <summary>Reads the case if the caller may see it, auditing the access either way (records: the case and
    /// <paramref name="more"/>); null means answer 404.</summary>
    public async Task<CaseEntity?> ReadAsync(HttpContext context, string caseId, string operation, CancellationToken cancellationToken, params string[] more)
    {
        if (await store.GetAsync(caseId, cancellationToken) is not { } entity)
        {
            return null;
        }

        var caller = context.Caller();
        if (!CanRead(caller, entity))
        {
            await auditor.RecordAsync(context, operation, [caseId, .. more], AuditOutcomes.OutOfScope);
            return null;
        }

        await auditor.RecordAsync(context, operation, [caseId, .. more], AuditOutcomes.Read);
        return entity;
    }

    /// <summary>Checked inside a change against the case's current state (a team change can revoke access).</summary>
    public static bool MayChange(Caller caller, CaseEntity entity) => CanRead(caller, entity);
}

internal static class CaseMapping
{
    public static IReadOnlyList<string> TeamOf(CaseEntity entity) => JsonSerializer.Deserialize<List<string>>(entity.Team) ?? [];

    public static List<StageStep> StagesOf(CaseEntity entity) => JsonSerializer.Deserialize<List<StageStep>>(entity.StageHistory) ?? [];

    public static StageDeadline? DeadlineOf(CaseEntity entity) => entity.Deadline is null ? null : JsonSerializer.Deserialize<StageDeadline>(entity.Deadline);

    public static string ETagOf(CaseEntity entity) => $"\"v{entity.Version}\"";

    public static CaseRecord ToCase(CaseEntity e)
    {
        var deadline = DeadlineOf(e);
        return new CaseRecord(
            e.PartitionKey, e.Version, e.Title, e.Summary, e.OwningOffice, e.LeadInvestigator, TeamOf(e), e.Priority, e.HandlingCode,
            e.Status, e.Resolution, e.ClosingSummary, e.Stage,
            CaseCodes.StageMoves[e.Stage], CaseCodes.StatusMoves[e.Status],
            StagesOf(e).Select(s => new CaseStageStep(s.Stage, s.Date, s.DocumentId, s.RecordedAt, s.RecordedBy)).ToList(),
            deadline is null ? null : new CaseDeadline(deadline.Stage, deadline.DueAt, deadline.WarnAt, deadline.Warned, deadline.Overdue),
            e.DetectedAt, e.OpenedAt, e.OpenedBy, e.UpdatedAt, e.ClosedAt);
    }

    public static CaseDocument ToDocument(CaseDocumentEntity d) =>
        new(d.RowKey[CaseDocumentEntity.Prefix.Length..], d.Title, d.ContentType, d.Size, d.Sha256, d.UploadedBy, d.UploadedAt);

    public static JournalEntry ToEntry(JournalEntity j) =>
        new(j.RowKey[JournalEntity.Prefix.Length..], j.Kind, j.Text, j.HandlingCode, j.Corrects, j.Author, j.At);

    public static CaseTask ToTask(TaskEntity t) =>
        new(t.RowKey[TaskEntity.Prefix.Length..], t.Title, t.Assignee, t.DueAt, t.Status, t.Overdue, t.CreatedBy, t.CreatedAt);

    public static CaseLink ToLink(CaseLinkEntity l) => new(l.Kind, l.TargetId, l.SeizureId, l.LinkedBy, l.LinkedAt);

    public static TimelineEvent ToTimeline(TimelineEntity t) =>
        new(t.Version, t.Type, t.At, t.Actor, t.Summary, t.SubjectId, t.HandlingCode, System.Text.Json.Nodes.JsonNode.Parse(t.Detail) as System.Text.Json.Nodes.JsonObject ?? []);
}
