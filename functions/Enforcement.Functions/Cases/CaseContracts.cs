namespace Enforcement.Functions.Cases;

public sealed record OpenCaseRequest(
    string? Title,
    string? Summary,
    string? OwningOffice,
    IReadOnlyList<string>? SeizureIds,
    string? LeadInvestigator,
    IReadOnlyList<string>? Team,
    string? Priority,
    string? HandlingCode,
    IReadOnlyList<string>? AlertIds = null);

public sealed record CaseStageStep(string Stage, DateTimeOffset Date, string? DocumentId, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record CaseDeadline(string Stage, DateTimeOffset DueAt, DateTimeOffset WarnAt, bool Warned, bool Overdue);

public sealed record CaseRecord(
    string Id,
    int Version,
    string Title,
    string Summary,
    string OwningOffice,
    string? LeadInvestigator,
    IReadOnlyList<string> Team,
    string Priority,
    string HandlingCode,
    string Status,
    string? Resolution,
    string? ClosingSummary,
    string Stage,
    IReadOnlyList<string> AllowedStages,
    IReadOnlyList<string> AllowedStatuses,
    IReadOnlyList<CaseStageStep> StageHistory,
    CaseDeadline? Deadline,
    DateTimeOffset DetectedAt,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt);

public sealed record ChangeStatusRequest(string? Status, string? Resolution, string? ClosingSummary);

public sealed record ChangeStageRequest(string? Stage, string? DocumentId, string? Date);

public sealed record AssignCaseRequest(string? LeadInvestigator, IReadOnlyList<string>? Team);

public sealed record CaseDocument(string Id, string Title, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record LinkRecordRequest(string? Kind, string? TargetId, string? SeizureId);

public sealed record CaseLink(string Kind, string TargetId, string? SeizureId, string LinkedBy, DateTimeOffset LinkedAt);

public sealed record CaseLinkPage(IReadOnlyList<CaseLink> Items);

public sealed record CaseSummary(string Id, string Title, string OwningOffice, string Status, string Stage);

public sealed record CaseSummaryPage(IReadOnlyList<CaseSummary> Items);

public sealed record JournalEntryRequest(string? Kind, string? Text, string? HandlingCode, string? Corrects);

public sealed record JournalEntry(string Id, string Kind, string Text, string HandlingCode, string? Corrects, string Author, DateTimeOffset At);

public sealed record JournalPage(IReadOnlyList<JournalEntry> Items, string? ContinuationToken);

public sealed record TimelineEvent(int Sequence, string Type, DateTimeOffset At, string Actor, string Summary, string? SubjectId, string? HandlingCode, System.Text.Json.Nodes.JsonObject Detail);

public sealed record TimelinePage(IReadOnlyList<TimelineEvent> Items, string? ContinuationToken);

public sealed record NewTaskRequest(string? Title, string? Assignee, string? DueAt);

public sealed record UpdateTaskRequest(string? Status, string? Assignee, string? DueAt);

public sealed record CaseTask(string Id, string Title, string Assignee, DateTimeOffset? DueAt, string Status, bool Overdue, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record CaseTaskPage(IReadOnlyList<CaseTask> Items);

public sealed record CaseDocumentPage(IReadOnlyList<CaseDocument> Items);
