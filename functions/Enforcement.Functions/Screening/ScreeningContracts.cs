namespace Enforcement.Functions.Screening;

/// <summary>A keyed batch of 1 to 100 subjects screened together in one context (a flight, a voyage...).</summary>
public sealed record ScreeningRequest
{
    public ScreeningContext? Context { get; init; }

    public IReadOnlyList<ScreeningSubject?>? Subjects { get; init; }
}

public sealed record ScreeningContext
{
    /// <summary>Flight number (PK301) of a passenger manifest.</summary>
    public string? Flight { get; init; }

    /// <summary>Voyage reference of a cargo manifest.</summary>
    public string? Voyage { get; init; }

    /// <summary>inbound, outbound or transit.</summary>
    public string? Direction { get; init; }

    /// <summary>UN/LOCODE of the port of arrival or departure.</summary>
    public string? Port { get; init; }

    /// <summary>YYYY-MM-DD of arrival or departure.</summary>
    public string? Date { get; init; }
}

/// <summary>
/// One subject: its caller-chosen key (unique in the batch) and type, with the fields that type carries: person (what
/// an API/MRZ record has), company, vessel, aircraft, vehicle, container, consignment.
/// </summary>
public sealed record ScreeningSubject
{
    public string? Key { get; init; }

    /// <summary>person, company, vessel, aircraft, vehicle, container or consignment.</summary>
    public string? Type { get; init; }

    /// <summary>Person's full name, company name, vessel name.</summary>
    public string? Name { get; init; }

    /// <summary>Person: YYYY-MM-DD or YYYY.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>Person: nationality (ISO 3166-1 alpha-2).</summary>
    public string? Nationality { get; init; }

    public string? DocumentNumber { get; init; }

    /// <summary>Company registration number.</summary>
    public string? RegistrationNumber { get; init; }

    /// <summary>Company: country of registration; vessel: flag; vehicle: registration country.</summary>
    public string? Country { get; init; }

    public string? Imo { get; init; }

    public string? Mmsi { get; init; }

    public string? CallSign { get; init; }

    /// <summary>Aircraft registration mark.</summary>
    public string? Registration { get; init; }

    public string? IcaoAddress { get; init; }

    public string? Plate { get; init; }

    public string? Vin { get; init; }

    public string? ContainerNumber { get; init; }

    /// <summary>Consignment: HS codes (2 to 10 digits).</summary>
    public IReadOnlyList<string>? HsCodes { get; init; }

    /// <summary>Consignment: country of origin.</summary>
    public string? Origin { get; init; }

    /// <summary>Countries in travel order: departure, transits, destination.</summary>
    public IReadOnlyList<string>? Route { get; init; }

    /// <summary>Consignment: the declarant's (or consignee's) company name.</summary>
    public string? Declarant { get; init; }

    public string? Phone { get; init; }
}

/// <summary>One feature's contribution to a score: what was asked, what the candidate holds, how close they are.</summary>
public sealed record FeatureExplanation(string Feature, string? QueryValue, string? CandidateValue, double Score, double Weight);

/// <summary>A prior seizure, non-nominal: when, where, what, how it was concealed.</summary>
public sealed record PriorSeizure(string SeizureId, string SeizedAt, string Office, IReadOnlyList<string> Categories, string? Concealment);

public sealed record ScreeningHit
{
    /// <summary>watchlist, suspect, company, conveyance or seizure.</summary>
    public required string Source { get; init; }

    public required double Score { get; init; }

    /// <summary>Score at or above the published threshold, and not suppressed.</summary>
    public required bool Match { get; init; }

    /// <summary>Nominal details withheld: the caller's role may not read them (the record id, candidate values, reason).</summary>
    public required bool Restricted { get; init; }

    public string? RecordId { get; init; }

    public string? ListId { get; init; }

    public string? EntryId { get; init; }

    public string? HandlingCode { get; init; }

    public string? Reason { get; init; }

    /// <summary>Set when an analyst suppressed this watch-list match for this subject.</summary>
    public ScreeningSuppression? Suppressed { get; init; }

    public required IReadOnlyList<FeatureExplanation> Explanations { get; init; }

    public IReadOnlyList<PriorSeizure> PriorSeizures { get; init; } = [];
}

public sealed record ScreeningSuppression(string Reviewer, string Reason, DateTimeOffset ExpiresAt);

public sealed record RuleHit(string RuleId, string Name, int Version, int Weight, string Because);

/// <summary>The proof of a random selection: recompute HMAC-SHA256(seed, "{decisionId}|{subjectKey}") and compare.</summary>
public sealed record RandomSelection(double Draw, double Rate, bool Selected, string SeedId);

public sealed record SubjectResult
{
    public required string Key { get; init; }

    public required string Type { get; init; }

    /// <summary>green, yellow or red.</summary>
    public required string Lane { get; init; }

    /// <summary>rules (total weight), random (the minimum random rate) or none.</summary>
    public required string LaneReason { get; init; }

    public required int TotalWeight { get; init; }

    public required RandomSelection Random { get; init; }

    public required IReadOnlyList<ScreeningHit> Hits { get; init; }

    public required IReadOnlyList<RuleHit> RuleHits { get; init; }
}

public sealed record ScreeningDecision
{
    public required string DecisionId { get; init; }

    public required DateTimeOffset ScreenedAt { get; init; }

    public required string AlgorithmVersion { get; init; }

    public required double MatchThreshold { get; init; }

    public ScreeningContext? Context { get; init; }

    /// <summary>The version of every watch list used.</summary>
    public required IReadOnlyDictionary<string, int> ListVersions { get; init; }

    /// <summary>The version of every active rule used.</summary>
    public required IReadOnlyDictionary<string, int> RuleVersions { get; init; }

    public required IReadOnlyList<SubjectResult> Results { get; init; }
}

public sealed record AlgorithmFeature(string Name, double Weight, string Description);

public sealed record ScreeningAlgorithmDescription(string Version, double MatchThreshold, string Scoring,
    IReadOnlyList<AlgorithmFeature> PersonFeatures, IReadOnlyList<AlgorithmFeature> CompanyFeatures, IReadOnlyList<AlgorithmFeature> ConveyanceFeatures,
    int YellowFromWeight, int RedFromWeight, double MinimumRandomRate, string RandomSelection);

/// <summary>The examination result of one screened subject.</summary>
public sealed record FeedbackRequest
{
    public string? SubjectKey { get; init; }

    /// <summary>seizure-made, nothing-found or documentary-discrepancy.</summary>
    public string? Result { get; init; }

    /// <summary>With seizure-made: the seizure's id.</summary>
    public string? SeizureId { get; init; }
}

public sealed record Feedback(string DecisionId, string SubjectKey, string Result, string? SeizureId, string ReportedBy, DateTimeOffset ReportedAt);

/// <summary>Suppress a false-positive watch-list match for the subject of a decision, until it expires.</summary>
public sealed record SuppressionRequest
{
    public string? SubjectKey { get; init; }

    public string? EntryId { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed record Suppression(string DecisionId, string SubjectKey, string EntryId, string Reviewer, string Reason, DateTimeOffset ExpiresAt);
