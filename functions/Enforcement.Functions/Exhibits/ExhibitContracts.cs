namespace Enforcement.Functions.Exhibits;

public sealed record NewExhibitRequest(
    string? SeizureId,
    int? ItemIndex,
    string? Description,
    double? Quantity,
    string? Unit,
    string? Packaging,
    IReadOnlyList<string>? SealNumbers,
    string? StorageSite,
    string? Condition,
    IReadOnlyList<string>? PhotoIds);

public sealed record Exhibit(
    string Id,
    string CaseId,
    string SeizureId,
    int ItemIndex,
    string Category,
    string Description,
    double Quantity,
    string Unit,
    string Packaging,
    IReadOnlyList<string> SealNumbers,
    string StorageSite,
    string Condition,
    IReadOnlyList<string> PhotoIds,
    string? Custodian,
    string State,
    bool SampleRetained,
    bool LegalHold,
    string? LegalHoldReason,
    int CustodyEvents,
    DateTimeOffset CreatedAt);

public sealed record ExhibitPage(IReadOnlyList<Exhibit> Items);

public sealed record Witness(string? Name, string? Designation, bool? HasSigned);

public sealed record CustodyEventRequest(
    string? Type,
    string? From,
    string? To,
    string? Site,
    string? At,
    string? Condition,
    IReadOnlyList<string>? SealsBroken,
    IReadOnlyList<string>? SealsApplied,
    IReadOnlyList<Witness>? Witnesses,
    string? Reason,
    string? OrderDocumentId,
    string? CertificateDocumentId);

public sealed record CustodyEvent(
    int Sequence,
    string Type,
    string? From,
    string? To,
    string? Site,
    DateTimeOffset At,
    string? Condition,
    IReadOnlyList<string> SealsBroken,
    IReadOnlyList<string> SealsApplied,
    IReadOnlyList<Witness> Witnesses,
    string? Reason,
    string? OrderDocumentId,
    string? CertificateDocumentId,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    string PreviousHash,
    string Hash);

/// <summary>A period the chain does not account for: "no-custodian" (nobody held the exhibit) or "two-custodians"
/// (an event dated before the one it follows, so two holders overlap).</summary>
public sealed record CustodyGap(string Kind, DateTimeOffset From, DateTimeOffset? To, int AfterSequence, IReadOnlyList<string> Custodians);

public sealed record CustodyChain(string ExhibitId, string? Custodian, string State, IReadOnlyList<CustodyEvent> Events, IReadOnlyList<CustodyGap> Gaps, bool HashesIntact);

public sealed record LegalHoldRequest(bool? Hold, string? Reason);
