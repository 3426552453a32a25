using Enforcement.Functions.Cases;
using Enforcement.Functions.Cases.Bundles;
using Enforcement.Functions.Exhibits;
using Enforcement.Functions.Http;
using Enforcement.Functions.Seizures;
using static Enforcement.Functions.ApiDocs.Constrain;

namespace Enforcement.Functions.ApiDocs;

/// <summary>The limits and code lists of the case and evidence contracts, from the constants their checks use.</summary>
internal static class CaseContractConstraints
{
    private const string Key = "[0-9A-HJKMNP-TV-Z]{18}";
    public static readonly SchemaConstraint CaseId = Pattern($"^CS-{Key}$", 21, "CS-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint ExhibitId = Pattern($"^EX-{Key}-[0-9]{{3}}$", 25, "EX-01KAQ3J6W2X8Y4Z5AB-001");
    public static readonly SchemaConstraint DocumentId = Pattern($"^DOC-{Key}$", 22, "DOC-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint EntryId = Pattern($"^JE-{Key}$", 21, "JE-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint TaskId = Pattern($"^TK-{Key}$", 21, "TK-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint BundleId = Pattern($"^BN-{Key}$", 21, "BN-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint AnyRecord = Pattern("^[A-Za-z0-9-]{1,64}$", 64, "SZ-202611-01KAQ3J6W2X8Y4Z5AB");
    private static readonly SchemaConstraint Subj = Text(CaseCodes.MaxSubject);
    private static readonly SchemaConstraint Short = Text(CaseCodes.MaxShortText);
    private static readonly SchemaConstraint Long = Text(CaseCodes.MaxText);
    private static readonly SchemaConstraint Title = Text(CaseCodes.MaxTitle);
    private static readonly SchemaConstraint Stage = Code(CaseCodes.Stages);
    private static readonly SchemaConstraint Status = Code(CaseCodes.Statuses);
    private static readonly SchemaConstraint Handling = Code(CaseCodes.HandlingCodes);
    private static readonly SchemaConstraint Date = Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2}))?$", DateTimeLength, "2026-11-21");
    private static readonly SchemaConstraint When = Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})$", DateTimeLength, "2026-11-20T10:00:00Z");
    private static readonly SchemaConstraint Seal = List(50, Text(64));
    private static readonly SchemaConstraint Hours = Range(0, decimal.MaxValue);
    private static readonly SchemaConstraint Hash = ContractConstraints.Sha256;
    private static readonly SchemaConstraint Stamp = ContractConstraints.DateTime;

    public static Dictionary<Type, IReadOnlyDictionary<string, SchemaConstraint>> Build() => new()
    {
        [typeof(OpenCaseRequest)] = new Dictionary<string, SchemaConstraint>
        {
            ["title"] = Title, ["summary"] = Long, ["owningOffice"] = ContractConstraints.Office,
            ["seizureIds"] = List(CaseCodes.MaxSeizures, ContractConstraints.SeizureId), ["leadInvestigator"] = Subj,
            ["alertIds"] = List(CaseCodes.MaxAlerts, ContractConstraints.AlertId),
            ["team"] = List(CaseCodes.MaxTeam, Subj), ["priority"] = Code(CaseCodes.Priorities), ["handlingCode"] = Handling,
        },
        [typeof(CaseRecord)] = new Dictionary<string, SchemaConstraint>
        {
            ["id"] = CaseId, ["title"] = Title, ["summary"] = Long, ["owningOffice"] = ContractConstraints.Office, ["leadInvestigator"] = Subj,
            ["team"] = List(CaseCodes.MaxTeam, Subj), ["priority"] = Code(CaseCodes.Priorities), ["handlingCode"] = Handling, ["status"] = Status,
            ["resolution"] = Code(CaseCodes.Resolutions), ["closingSummary"] = Long, ["stage"] = Stage, ["allowedStages"] = List(3, Stage),
            ["allowedStatuses"] = List(1, Status), ["stageHistory"] = List(CaseCodes.Stages.Length * 2), ["detectedAt"] = Stamp, ["openedAt"] = Stamp,
            ["openedBy"] = Subj, ["updatedAt"] = Stamp, ["closedAt"] = Stamp, ["version"] = ContractConstraints.Version,
        },
        [typeof(CaseStageStep)] = new Dictionary<string, SchemaConstraint>
        {
            ["stage"] = Stage, ["date"] = Stamp, ["documentId"] = DocumentId, ["recordedAt"] = Stamp, ["recordedBy"] = Subj,
        },
        [typeof(CaseDeadline)] = new Dictionary<string, SchemaConstraint> { ["stage"] = Stage, ["dueAt"] = Stamp, ["warnAt"] = Stamp },
        [typeof(ChangeStatusRequest)] = new Dictionary<string, SchemaConstraint> { ["status"] = Status, ["resolution"] = Code(CaseCodes.Resolutions), ["closingSummary"] = Long },
        [typeof(ChangeStageRequest)] = new Dictionary<string, SchemaConstraint> { ["stage"] = Stage, ["documentId"] = DocumentId, ["date"] = Date },
        [typeof(AssignCaseRequest)] = new Dictionary<string, SchemaConstraint> { ["leadInvestigator"] = Subj, ["team"] = List(CaseCodes.MaxTeam, Subj) },
        [typeof(CaseDocument)] = new Dictionary<string, SchemaConstraint>
        {
            ["id"] = DocumentId, ["title"] = Title, ["contentType"] = Code(CaseCodes.DocumentContentTypes), ["sha256"] = Hash, ["uploadedBy"] = Subj, ["uploadedAt"] = Stamp,
            ["size"] = Range(1, long.MaxValue),
        },
        [typeof(LinkRecordRequest)] = new Dictionary<string, SchemaConstraint> { ["kind"] = Code(CaseCodes.LinkKinds), ["targetId"] = AnyRecord, ["seizureId"] = ContractConstraints.SeizureId },
        [typeof(CaseLink)] = new Dictionary<string, SchemaConstraint>
        {
            ["kind"] = Code([.. CaseCodes.LinkKinds, "alert"]), ["targetId"] = AnyRecord, ["seizureId"] = ContractConstraints.SeizureId, ["linkedBy"] = Subj, ["linkedAt"] = Stamp,
        },
        [typeof(CaseDocumentPage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(1000) },
        [typeof(CaseLinkPage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(1000) },
        [typeof(CaseSummary)] = new Dictionary<string, SchemaConstraint>
        {
            ["id"] = CaseId, ["title"] = Title, ["owningOffice"] = ContractConstraints.Office, ["status"] = Status, ["stage"] = Stage,
        },
        [typeof(CaseSummaryPage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(100) },
        [typeof(JournalEntryRequest)] = new Dictionary<string, SchemaConstraint>
        {
            ["kind"] = Code(CaseCodes.JournalKinds), ["text"] = Long, ["handlingCode"] = Handling, ["corrects"] = EntryId,
        },
        [typeof(JournalEntry)] = new Dictionary<string, SchemaConstraint>
        {
            ["id"] = EntryId, ["kind"] = Code(CaseCodes.JournalKinds), ["text"] = Long, ["handlingCode"] = Handling, ["corrects"] = EntryId, ["author"] = Subj, ["at"] = Stamp,
        },
        [typeof(JournalPage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(PageRequest.MaxSize), ["continuationToken"] = ContractConstraints.Token },
        [typeof(TimelineEvent)] = new Dictionary<string, SchemaConstraint>
        {
            ["type"] = Text(64), ["at"] = Stamp, ["actor"] = Subj, ["summary"] = Long, ["subjectId"] = AnyRecord, ["handlingCode"] = Handling,
            ["sequence"] = ContractConstraints.Version,
        },
        [typeof(TimelinePage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(PageRequest.MaxSize), ["continuationToken"] = ContractConstraints.Token },
        [typeof(NewTaskRequest)] = new Dictionary<string, SchemaConstraint> { ["title"] = Title, ["assignee"] = Subj, ["dueAt"] = When },
        [typeof(UpdateTaskRequest)] = new Dictionary<string, SchemaConstraint> { ["status"] = Code(CaseCodes.TaskStatuses), ["assignee"] = Subj, ["dueAt"] = When },
        [typeof(CaseTask)] = new Dictionary<string, SchemaConstraint>
        {
            ["id"] = TaskId, ["title"] = Title, ["assignee"] = Subj, ["dueAt"] = Stamp, ["status"] = Code(CaseCodes.TaskStatuses), ["createdBy"] = Subj, ["createdAt"] = Stamp,
        },
        [typeof(CaseTaskPage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(1000) },
        [typeof(NewExhibitRequest)] = new Dictionary<string, SchemaConstraint>
        {
            ["seizureId"] = ContractConstraints.SeizureId, ["itemIndex"] = Range(0, SeizureValidator.MaxItems - 1), ["description"] = Short,
            ["quantity"] = ExclusiveMinimum(0, 1_000_000_000), ["unit"] = ContractConstraints.Unit, ["packaging"] = Short, ["sealNumbers"] = Seal,
            ["storageSite"] = Short, ["condition"] = Short, ["photoIds"] = List(50, Pattern(ContractPatterns.PhotoId, 21)),
        },
        [typeof(Exhibit)] = new Dictionary<string, SchemaConstraint>
        {
            ["id"] = ExhibitId, ["caseId"] = CaseId, ["seizureId"] = ContractConstraints.SeizureId, ["category"] = ContractConstraints.Category,
            ["description"] = Short, ["unit"] = ContractConstraints.Unit, ["packaging"] = Short, ["sealNumbers"] = Seal, ["storageSite"] = Short,
            ["condition"] = Short, ["photoIds"] = List(50, Pattern(ContractPatterns.PhotoId, 21)), ["custodian"] = Subj,
            ["state"] = Code(["registered", "in-custody", "returned", "destroyed"]), ["legalHoldReason"] = Short, ["createdAt"] = Stamp,
            ["itemIndex"] = Range(0, SeizureValidator.MaxItems - 1), ["custodyEvents"] = Range(0, int.MaxValue), ["quantity"] = ExclusiveMinimum(0, 1_000_000_000),
        },
        [typeof(ExhibitPage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(1000) },
        [typeof(Witness)] = new Dictionary<string, SchemaConstraint> { ["name"] = Text(200), ["designation"] = Text(200) },
        [typeof(CustodyEventRequest)] = new Dictionary<string, SchemaConstraint>
        {
            ["type"] = Code(CustodyRules.Types), ["from"] = Subj, ["to"] = Subj, ["site"] = Short, ["at"] = Date, ["condition"] = Short,
            ["sealsBroken"] = Seal, ["sealsApplied"] = Seal, ["witnesses"] = List(20), ["reason"] = Short,
            ["orderDocumentId"] = DocumentId, ["certificateDocumentId"] = DocumentId,
        },
        [typeof(CustodyEvent)] = new Dictionary<string, SchemaConstraint>
        {
            ["type"] = Code(CustodyRules.Types), ["from"] = Subj, ["to"] = Subj, ["site"] = Short, ["at"] = Stamp, ["condition"] = Short,
            ["sealsBroken"] = Seal, ["sealsApplied"] = Seal, ["witnesses"] = List(20), ["reason"] = Short, ["orderDocumentId"] = DocumentId,
            ["certificateDocumentId"] = DocumentId, ["recordedBy"] = Subj, ["sequence"] = Range(1, int.MaxValue), ["recordedAt"] = Stamp, ["previousHash"] = Text(64), ["hash"] = Hash,
        },
        [typeof(CustodyGap)] = new Dictionary<string, SchemaConstraint>
        {
            ["kind"] = Code(["no-custodian", "two-custodians"]), ["from"] = Stamp, ["afterSequence"] = Range(1, int.MaxValue), ["to"] = Stamp, ["custodians"] = List(2, Subj),
        },
        [typeof(CustodyChain)] = new Dictionary<string, SchemaConstraint>
        {
            ["exhibitId"] = ExhibitId, ["custodian"] = Subj, ["state"] = Code(["registered", "in-custody", "returned", "destroyed"]),
            ["events"] = List(100_000), ["gaps"] = List(100_000),
        },
        [typeof(LegalHoldRequest)] = new Dictionary<string, SchemaConstraint> { ["reason"] = Short },
        [typeof(CaseBundle)] = new Dictionary<string, SchemaConstraint>
        {
            ["id"] = BundleId, ["caseId"] = CaseId, ["status"] = Code(["queued", "ready"]), ["requestedBy"] = Subj, ["requestedAt"] = Stamp,
            ["builtAt"] = Stamp, ["sha256"] = Hash, ["size"] = Range(0, long.MaxValue), ["files"] = Range(0, int.MaxValue),
        },
        [typeof(BundleVerification)] = new Dictionary<string, SchemaConstraint> { ["mismatches"] = List(100_000, Text(260)), ["files"] = Range(0, int.MaxValue) },
        [typeof(DurationStats)] = new Dictionary<string, SchemaConstraint> { ["medianHours"] = Hours, ["p90Hours"] = Hours, ["count"] = Range(0, int.MaxValue) },
        [typeof(CaseMetricsGroup)] = new Dictionary<string, SchemaConstraint> { ["key"] = Text(32), ["cases"] = Range(0, int.MaxValue) },
        [typeof(CaseMetrics)] = new Dictionary<string, SchemaConstraint>
        {
            ["from"] = ContractConstraints.Month, ["to"] = ContractConstraints.Month, ["groupBy"] = Code(["office", "stage"]), ["groups"] = List(10_000),
        },
    };

    public static SchemaConstraint? Path(string route, string name) => name switch
    {
        "id" when route.StartsWith("/api/cases/", StringComparison.Ordinal) => CaseId,
        "id" when route.StartsWith("/api/exhibits/", StringComparison.Ordinal) => ExhibitId,
        "entryId" => EntryId,
        "taskId" => TaskId,
        "documentId" => DocumentId,
        "bundleId" => BundleId,
        "targetId" when route.StartsWith("/api/cases/", StringComparison.Ordinal) => AnyRecord,
        _ => null,
    };

    public static SchemaConstraint? Query(string name) => name switch
    {
        "record" => AnyRecord,
        "from" or "to" => ContractConstraints.Month,
        "groupBy" => Code(["office", "stage"]),
        "title" => Title,
        _ => null,
    };
}
