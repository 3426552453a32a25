using Enforcement.Functions.Conveyances;
using Enforcement.Functions.Http;
using Enforcement.Functions.Identifiers;
using Enforcement.Functions.RiskRules;
using Enforcement.Functions.Screening;
using Enforcement.Functions.WatchLists;
using static Enforcement.Functions.ApiDocs.Constrain;

namespace Enforcement.Functions.ApiDocs;

/// <summary>The limits and code lists of the targeting contracts (identifiers, conveyances, watch lists, screening,
/// rules), from the constants their validators and stores use.</summary>
internal static class TargetingContractConstraints
{
    public static readonly SchemaConstraint ConveyanceId = Pattern(ContractPatterns.ConveyanceId, 21, "CV-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint WatchListId = Pattern(ContractPatterns.WatchListId, 21, "WL-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint EntryId = Pattern(ContractPatterns.WatchListEntryId, 21, "WE-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint RuleId = Pattern(ContractPatterns.RuleId, 21, "RR-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint DecisionId = Pattern(ContractPatterns.DecisionId, 21, "DC-01KAQ3J6W2X8Y4Z5AB");

    /// <summary>An identifier as written (checked per scheme by the server: check digits, lengths).</summary>
    private static readonly SchemaConstraint Identifier = Text(IdentifierSchemes.MaxValueLength);
    private static readonly SchemaConstraint Scheme = Code(IdentifierSchemes.All);
    private static readonly SchemaConstraint ConveyanceScheme = Code([.. IdentifierSchemes.All.Where(s => s != IdentifierSchemes.Mrz), ConveyanceValidator.VesselName]);
    private static readonly SchemaConstraint Verdict = Code(ConveyanceEndpoints.Verdicts);
    private static readonly SchemaConstraint LinkStatus = Code([ConveyanceLinkStatus.Resolved, ConveyanceLinkStatus.Candidate, .. ConveyanceEndpoints.Verdicts]);
    private static readonly SchemaConstraint Cluster = List(ConveyanceStore.MaxCluster, ConveyanceId);
    private static readonly SchemaConstraint SubjectKey = Pattern("^[A-Za-z0-9._:-]{1,64}$", ScreeningValidator.MaxKeyLength, "pax-001");
    private static readonly SchemaConstraint Categories = List(Seizures.SeizureCodes.Categories.Count, ContractConstraints.Category);
    private static readonly SchemaConstraint AnyRecord = Pattern("^[A-Z]{2}-[0-9A-Z-]{18,25}$", 28, "SU-01KAQ3J6W2X8Y4Z5AB");
    private static readonly SchemaConstraint Phone = Pattern("^\\+?[0-9 ().-]{8,30}$", 30, "+92 300 123-4567");
    private static readonly SchemaConstraint Number = Text(ScreeningValidator.MaxNumberLength);
    private static readonly SchemaConstraint Handling = Code(WatchListValidator.HandlingCodes);
    private static readonly SchemaConstraint RuleWeight = Range(1, RuleValidator.MaxWeight);
    private static readonly SchemaConstraint Feature = Pattern("^[a-zA-Z0-9:-]{1,64}$", 64, "name");
    private static readonly SchemaConstraint HitSource = Code(["watchlist", "suspect", "company", "conveyance", "seizure"]);

    public static Dictionary<Type, IReadOnlyDictionary<string, SchemaConstraint>> Build()
    {
        var conveyanceFacts = new Dictionary<string, SchemaConstraint>
        {
            ["kind"] = Code(ConveyanceValidator.Kinds),
            ["name"] = Text(ConveyanceValidator.MaxText),
            ["imo"] = All(Identifier, Describe("IMO ship number with its check digit (\"9074729\", \"IMO 9074729\").")),
            ["mmsi"] = Identifier,
            ["callSign"] = Identifier,
            ["flag"] = ContractConstraints.Country,
            ["history"] = List(ConveyanceValidator.MaxHistory),
            ["registration"] = Identifier,
            ["icaoAddress"] = Identifier,
            ["operator"] = Text(ConveyanceValidator.MaxText),
            ["plate"] = Identifier,
            ["registrationCountry"] = ContractConstraints.Country,
            ["vin"] = All(Identifier, Describe("17 characters; the check digit (position 9) is required for North American VINs only, a warning elsewhere.")),
            ["containerNumber"] = All(Identifier, Describe("ISO 6346 with its check digit (\"CSQU3054383\").")),
            ["notes"] = Text(ConveyanceValidator.MaxNotes),
        };
        var conveyance = new Dictionary<string, SchemaConstraint>(conveyanceFacts)
        {
            ["id"] = ConveyanceId, ["canonicalId"] = ConveyanceId, ["cluster"] = Cluster, ["recordedAt"] = ContractConstraints.DateTime,
            ["ownerCode"] = Pattern("^[A-Z]{3}$", 3, "CSQ"), ["warnings"] = List(IdentifierSchemes.All.Length, ContractConstraints.ServerText),
        };
        var conveyanceSeizure = new Dictionary<string, SchemaConstraint>
        {
            ["seizureId"] = ContractConstraints.SeizureId, ["conveyanceId"] = ConveyanceId, ["status"] = LinkStatus, ["scheme"] = ConveyanceScheme,
            ["identifier"] = Identifier, ["seizedAt"] = Text(Constrain.DateTimeLength), ["office"] = ContractConstraints.Office,
            ["categories"] = Categories, ["concealment"] = ContractConstraints.ConcealmentMethod,
        };
        var entryFacts = new Dictionary<string, SchemaConstraint>
        {
            ["type"] = Code(WatchListValidator.Types),
            ["name"] = Text(WatchListValidator.MaxName),
            ["dateOfBirth"] = Pattern(ContractPatterns.DateOrYear, 10, "1984-03-07"),
            ["country"] = ContractConstraints.Country,
            ["documentNumber"] = Text(WatchListValidator.MaxNumberLength),
            ["registrationNumber"] = Text(WatchListValidator.MaxNumberLength),
            ["scheme"] = Code(IdentifierSchemes.All.Where(s => s != IdentifierSchemes.Mrz)),
            ["identifier"] = Identifier,
            ["phone"] = Phone,
            ["routeFrom"] = ContractConstraints.Country,
            ["routeTo"] = ContractConstraints.Country,
            ["reason"] = Text(WatchListValidator.MaxText),
            ["source"] = Text(WatchListValidator.MaxName),
            ["handlingCode"] = Handling,
            ["validFrom"] = ContractConstraints.DateTime,
            ["validTo"] = All(ContractConstraints.DateTime, Describe("Required: the entry stops matching at this instant, at most five years after validFrom.")),
            ["owner"] = Text(WatchListValidator.MaxName),
        };
        var context = new Dictionary<string, SchemaConstraint>
        {
            ["flight"] = All(Text(ScreeningValidator.MaxFlightLength), Describe("Airline designator, 1 to 4 digits, optional letter (PK301).")),
            ["voyage"] = Text(ScreeningValidator.MaxVoyageLength),
            ["direction"] = Code(ScreeningValidator.Directions),
            ["port"] = ContractConstraints.Place,
            ["date"] = ContractConstraints.Day,
        };
        var decision = new Dictionary<string, SchemaConstraint>
        {
            ["decisionId"] = DecisionId, ["screenedAt"] = ContractConstraints.DateTime, ["algorithmVersion"] = Text(16),
            ["matchThreshold"] = Range(0, 1),
            ["listVersions"] = Map(WatchListStore.MaxLists, ContractConstraints.Version),
            ["ruleVersions"] = Map(RuleStore.MaxRules, ContractConstraints.Version),
            ["results"] = List(ScreeningValidator.MaxSubjects),
        };
        var ruleFacts = new Dictionary<string, SchemaConstraint>
        {
            ["name"] = Text(RuleValidator.MaxName), ["description"] = Text(RuleValidator.MaxDescription), ["weight"] = RuleWeight,
            ["status"] = Code(RuleValidator.Statuses), ["validFrom"] = ContractConstraints.DateTime, ["validTo"] = ContractConstraints.DateTime,
        };
        var rule = new Dictionary<string, SchemaConstraint>(ruleFacts)
        {
            ["id"] = RuleId, ["version"] = ContractConstraints.Version, ["updatedBy"] = ContractConstraints.Subject, ["updatedAt"] = ContractConstraints.DateTime,
        };

        return new()
        {
            [typeof(IdentifierCheck)] = new Dictionary<string, SchemaConstraint> { ["scheme"] = Scheme, ["value"] = Identifier },
            [typeof(IdentifierValidation)] = new Dictionary<string, SchemaConstraint>
            {
                ["scheme"] = Scheme, ["value"] = Identifier, ["normalized"] = Identifier, ["expectedCheckDigit"] = Pattern("^[0-9X]$", 1, "9"),
                ["warnings"] = List(4, ContractConstraints.ServerText), ["errors"] = List(4, ContractConstraints.ServerText),
            },

            [typeof(ConveyanceFacts)] = conveyanceFacts,
            [typeof(ConveyanceNameFlag)] = new Dictionary<string, SchemaConstraint>
            {
                ["name"] = Text(ConveyanceValidator.MaxText), ["flag"] = ContractConstraints.Country, ["from"] = ContractConstraints.Day, ["to"] = ContractConstraints.Day,
            },
            [typeof(Conveyances.Conveyance)] = conveyance,
            [typeof(ConveyanceList)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(ConveyanceStore.MaxRowsPerLookup) },
            [typeof(JudgementRequest)] = new Dictionary<string, SchemaConstraint>
            {
                ["targetId"] = Pattern("^(CV-[0-9A-HJKMNP-TV-Z]{18}|SZ-[0-9]{4}(0[1-9]|1[0-2])-[0-9A-HJKMNP-TV-Z]{18})$", 28, "CV-01KAQ3J6W2X8Y4Z5AC"),
                ["judgement"] = Verdict, ["reason"] = Text(ConveyanceEndpoints.MaxReasonLength),
            },
            [typeof(Judgement)] = new Dictionary<string, SchemaConstraint>
            {
                ["conveyanceId"] = ConveyanceId, ["targetId"] = ContractConstraints.RecordId, ["verdict"] = Verdict,
                ["reason"] = Text(ConveyanceEndpoints.MaxReasonLength), ["judgedBy"] = ContractConstraints.Subject, ["judgedAt"] = ContractConstraints.DateTime,
                ["canonicalId"] = ConveyanceId, ["cluster"] = Cluster,
            },
            [typeof(ConveyanceSeizure)] = conveyanceSeizure,
            [typeof(ConveyanceSeizureList)] = new Dictionary<string, SchemaConstraint>
            {
                ["canonicalId"] = ConveyanceId, ["cluster"] = Cluster, ["items"] = List(ConveyanceStore.MaxSeizureLinks),
            },
            [typeof(ConveyanceCandidates)] = new Dictionary<string, SchemaConstraint>
            {
                ["seizures"] = List(ConveyanceStore.MaxSeizureLinks), ["conveyances"] = List(ConveyanceStore.MaxRowsPerLookup),
            },
            [typeof(ConveyanceCandidate)] = new Dictionary<string, SchemaConstraint>
            {
                ["conveyanceId"] = ConveyanceId, ["scheme"] = ConveyanceScheme, ["identifier"] = Identifier, ["judgement"] = Verdict,
            },

            [typeof(WatchListFacts)] = new Dictionary<string, SchemaConstraint>
            {
                ["name"] = Text(WatchListEndpoints.MaxNameLength), ["description"] = Text(WatchListEndpoints.MaxDescriptionLength),
            },
            [typeof(WatchList)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = WatchListId, ["name"] = Text(WatchListEndpoints.MaxNameLength), ["description"] = Text(WatchListEndpoints.MaxDescriptionLength),
                ["owner"] = ContractConstraints.Subject, ["version"] = ContractConstraints.Version, ["createdAt"] = ContractConstraints.DateTime,
            },
            [typeof(WatchListList)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(WatchListStore.MaxLists) },
            [typeof(WatchListEntryFacts)] = entryFacts,
            [typeof(WatchListEntry)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = EntryId, ["listId"] = WatchListId, ["owner"] = Text(WatchListValidator.MaxName), ["addedAt"] = ContractConstraints.DateTime,
            },
            [typeof(WatchListEntryList)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(PageRequest.MaxSize), ["continuationToken"] = ContractConstraints.Token },
            [typeof(WatchListHit)] = new Dictionary<string, SchemaConstraint>
            {
                ["entryId"] = EntryId, ["listId"] = WatchListId, ["recordId"] = AnyRecord,
                ["recordKind"] = Code(WatchListIntake.RecordKinds), ["score"] = Range(0, 1), ["owner"] = Text(WatchListValidator.MaxName),
                ["foundAt"] = ContractConstraints.DateTime,
            },
            [typeof(WatchListHitList)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(PageRequest.MaxSize), ["continuationToken"] = ContractConstraints.Token },

            [typeof(ScreeningRequest)] = new Dictionary<string, SchemaConstraint>
            {
                ["subjects"] = All(List(ScreeningValidator.MaxSubjects, minItems: 1), Describe($"1 to {ScreeningValidator.MaxSubjects} subjects with keys unique in the batch.")),
            },
            [typeof(ScreeningContext)] = context,
            [typeof(ScreeningSubject)] = new Dictionary<string, SchemaConstraint>
            {
                ["key"] = SubjectKey,
                ["type"] = Code(ScreeningValidator.Types),
                ["name"] = Text(ScreeningValidator.MaxText),
                ["dateOfBirth"] = Pattern(ContractPatterns.DateOrYear, 10, "1984-03-07"),
                ["nationality"] = ContractConstraints.Country,
                ["documentNumber"] = Number,
                ["registrationNumber"] = Number,
                ["country"] = ContractConstraints.Country,
                ["imo"] = Identifier, ["mmsi"] = Identifier, ["callSign"] = Identifier, ["registration"] = Identifier, ["icaoAddress"] = Identifier,
                ["plate"] = Identifier, ["vin"] = Identifier, ["containerNumber"] = Identifier,
                ["hsCodes"] = List(ScreeningValidator.MaxHsCodes, Pattern("^[0-9.]{2,13}$", ScreeningValidator.MaxHsCodeLength, "2939.11")),
                ["origin"] = ContractConstraints.Country,
                ["route"] = List(ScreeningValidator.MaxRoute, ContractConstraints.Country),
                ["declarant"] = Text(ScreeningValidator.MaxText),
                ["phone"] = Phone,
            },
            [typeof(FeatureExplanation)] = new Dictionary<string, SchemaConstraint>
            {
                ["feature"] = Feature, ["queryValue"] = ContractConstraints.ServerText, ["candidateValue"] = ContractConstraints.ServerText,
                ["score"] = Range(0, 1), ["weight"] = Range(0, 1),
            },
            [typeof(PriorSeizure)] = new Dictionary<string, SchemaConstraint>
            {
                ["seizureId"] = ContractConstraints.SeizureId, ["seizedAt"] = Text(Constrain.DateTimeLength), ["office"] = ContractConstraints.Office,
                ["categories"] = Categories, ["concealment"] = ContractConstraints.ConcealmentMethod,
            },
            [typeof(ScreeningHit)] = new Dictionary<string, SchemaConstraint>
            {
                ["source"] = HitSource, ["score"] = Range(0, 1), ["recordId"] = AnyRecord, ["listId"] = WatchListId, ["entryId"] = EntryId,
                ["handlingCode"] = Handling, ["reason"] = Text(WatchListValidator.MaxText), ["explanations"] = List(ScreeningAlgorithm.MaxFeatures),
                ["priorSeizures"] = List(SubjectMatcher.MaxPriorSeizures),
            },
            [typeof(ScreeningSuppression)] = new Dictionary<string, SchemaConstraint>
            {
                ["reviewer"] = ContractConstraints.Subject, ["reason"] = Text(ScreeningEndpoints.MaxReasonLength), ["expiresAt"] = ContractConstraints.DateTime,
            },
            [typeof(RuleHit)] = new Dictionary<string, SchemaConstraint>
            {
                ["ruleId"] = RuleId, ["name"] = Text(RuleValidator.MaxName), ["version"] = ContractConstraints.Version, ["weight"] = RuleWeight,
                ["because"] = ContractConstraints.ServerText,
            },
            [typeof(RandomSelection)] = new Dictionary<string, SchemaConstraint>
            {
                ["draw"] = Range(0, 1), ["rate"] = Range(0, 1), ["seedId"] = Pattern("^[0-9a-f]{12}$", 12, "3f2a9c0d41b7"),
            },
            [typeof(SubjectResult)] = new Dictionary<string, SchemaConstraint>
            {
                ["key"] = SubjectKey, ["type"] = Code(ScreeningValidator.Types), ["lane"] = Code(["green", "yellow", "red"]),
                ["laneReason"] = Code(["rules", "random", "none"]), ["totalWeight"] = Range(0, RuleStore.MaxRules * RuleValidator.MaxWeight),
                ["hits"] = List(ScreeningService.MaxHitsPerSubject), ["ruleHits"] = List(RuleStore.MaxRules),
            },
            [typeof(ScreeningDecision)] = decision,
            [typeof(AlgorithmFeature)] = new Dictionary<string, SchemaConstraint>
            {
                ["name"] = Feature, ["weight"] = Range(0, 1), ["description"] = ContractConstraints.ServerText,
            },
            [typeof(ScreeningAlgorithmDescription)] = new Dictionary<string, SchemaConstraint>
            {
                ["version"] = Text(16), ["matchThreshold"] = Range(0, 1), ["scoring"] = ContractConstraints.ServerText,
                ["personFeatures"] = List(ScreeningAlgorithm.MaxFeatures), ["companyFeatures"] = List(ScreeningAlgorithm.MaxFeatures),
                ["conveyanceFeatures"] = List(ScreeningAlgorithm.MaxFeatures),
                ["yellowFromWeight"] = Range(1, ScreeningOptions.MaxLaneWeight), ["redFromWeight"] = Range(1, ScreeningOptions.MaxLaneWeight),
                ["minimumRandomRate"] = Range(0, 1), ["randomSelection"] = ContractConstraints.ServerText,
            },
            [typeof(FeedbackRequest)] = new Dictionary<string, SchemaConstraint>
            {
                ["subjectKey"] = SubjectKey, ["result"] = Code(ScreeningEndpoints.FeedbackResults),
                ["seizureId"] = All(ContractConstraints.SeizureId, Describe("Required with seizure-made, refused otherwise.")),
            },
            [typeof(Feedback)] = new Dictionary<string, SchemaConstraint>
            {
                ["decisionId"] = DecisionId, ["subjectKey"] = SubjectKey, ["result"] = Code(ScreeningEndpoints.FeedbackResults),
                ["seizureId"] = ContractConstraints.SeizureId, ["reportedBy"] = ContractConstraints.Subject, ["reportedAt"] = ContractConstraints.DateTime,
            },
            [typeof(SuppressionRequest)] = new Dictionary<string, SchemaConstraint>
            {
                ["subjectKey"] = SubjectKey, ["entryId"] = EntryId, ["reason"] = Text(ScreeningEndpoints.MaxReasonLength),
                ["expiresAt"] = All(ContractConstraints.DateTime, Describe("Required: within the next 366 days.")),
            },
            [typeof(Suppression)] = new Dictionary<string, SchemaConstraint>
            {
                ["decisionId"] = DecisionId, ["subjectKey"] = SubjectKey, ["entryId"] = EntryId, ["reviewer"] = ContractConstraints.Subject,
                ["reason"] = Text(ScreeningEndpoints.MaxReasonLength), ["expiresAt"] = ContractConstraints.DateTime,
            },

            [typeof(RuleFacts)] = ruleFacts,
            [typeof(RuleCondition)] = new Dictionary<string, SchemaConstraint>
            {
                ["kind"] = Code(RuleValidator.Kinds),
                ["value"] = All(Text(RuleValidator.MaxConditionValue), Describe("A country (route-country, nationality), two digits (hs-chapter), a subject type or a concealment method; absent for the other kinds.")),
                ["count"] = Range(1, RuleValidator.MaxCount), ["months"] = Range(1, RuleValidator.MaxMonths),
            },
            [typeof(Rule)] = rule,
            [typeof(RuleList)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(RuleStore.MaxRules) },
            [typeof(BacktestReport)] = new Dictionary<string, SchemaConstraint>
            {
                ["ruleId"] = RuleId, ["ruleVersion"] = ContractConstraints.Version, ["from"] = ContractConstraints.Month, ["to"] = ContractConstraints.Month,
                ["seizures"] = ContractConstraints.Count, ["hits"] = ContractConstraints.Count, ["months"] = List(RuleBacktest.MaxMonths),
            },
            [typeof(BacktestMonth)] = new Dictionary<string, SchemaConstraint>
            {
                ["month"] = ContractConstraints.Month, ["seizures"] = ContractConstraints.Count, ["hits"] = ContractConstraints.Count, ["yield"] = Range(0, 1),
            },
            [typeof(RulePerformance)] = new Dictionary<string, SchemaConstraint> { ["ruleId"] = RuleId, ["months"] = List(1200) },
            [typeof(RulePerformanceMonth)] = new Dictionary<string, SchemaConstraint>
            {
                ["month"] = ContractConstraints.Month, ["screened"] = ContractConstraints.Count, ["hits"] = ContractConstraints.Count,
                ["hitRate"] = Range(0, 1), ["examined"] = ContractConstraints.Count, ["seizures"] = ContractConstraints.Count,
                ["discrepancies"] = ContractConstraints.Count, ["yield"] = Range(0, 1),
            },
        };
    }

    /// <summary>Request fields the targeting validators require.</summary>
    public static Dictionary<Type, string[]> Required() => new()
    {
        [typeof(IdentifierCheck)] = ["scheme", "value"],
        [typeof(ConveyanceFacts)] = ["kind"],
        [typeof(JudgementRequest)] = ["targetId", "judgement"],
        [typeof(WatchListFacts)] = ["name"],
        [typeof(WatchListEntryFacts)] = ["type", "reason", "source", "handlingCode", "validTo"],
        [typeof(ScreeningRequest)] = ["subjects"],
        [typeof(ScreeningSubject)] = ["key", "type"],
        [typeof(FeedbackRequest)] = ["subjectKey", "result"],
        [typeof(SuppressionRequest)] = ["subjectKey", "entryId", "reason", "expiresAt"],
        [typeof(RuleFacts)] = ["name", "condition", "weight", "status"],
        [typeof(RuleCondition)] = ["kind"],
    };

    /// <summary>Path parameters of the targeting routes.</summary>
    public static SchemaConstraint? Path(string route, string name) => name switch
    {
        "id" when route.StartsWith("/api/conveyances/", StringComparison.Ordinal) => ConveyanceId,
        "id" when route.StartsWith("/api/watchlists/", StringComparison.Ordinal) => WatchListId,
        "entryId" when route.StartsWith("/api/watchlists/", StringComparison.Ordinal) => EntryId,
        "id" when route.StartsWith("/api/rules/", StringComparison.Ordinal) => RuleId,
        "decisionId" => DecisionId,
        _ => null,
    };

    /// <summary>Query parameters of the targeting operations.</summary>
    public static SchemaConstraint? Query(string operationId, string name) => (operationId, name) switch
    {
        ("LookupConveyances", "scheme") => ConveyanceScheme,
        ("LookupConveyances", "value") => Identifier,
        ("BacktestRule", "from" or "to") => ContractConstraints.Month,
        _ => null,
    };
}
