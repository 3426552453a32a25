using Enforcement.Functions.Http;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Groups;
using Enforcement.Functions.Alerts;
using Enforcement.Functions.ApiKeys;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Companies;
using Enforcement.Functions.Feeds;
using Enforcement.Functions.Health;
using Enforcement.Functions.Links;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Suspects;
using Enforcement.Functions.Validation;
using Enforcement.Functions.Webhooks;
using static Enforcement.Functions.ApiDocs.Constrain;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// What the validators accept and the server returns, per contract property, for the OpenAPI schemas: code lists
/// come from the sets the validators check against, limits from their constants. Required request fields are those
/// the validators require. Server-set fields of responses are read-only.
/// </summary>
internal static class ContractConstraints
{
    private const int MaxPersonRecords = 100;

    // Code lists, from the very sets the validators use.
    public static readonly SchemaConstraint Country = Code(CountryCodes.All);
    public static readonly SchemaConstraint Currency = Code(CurrencyCodes.All);
    public static readonly SchemaConstraint Category = Code(SeizureCodes.Categories);
    public static readonly SchemaConstraint Unit = Code(SeizureCodes.Units);
    public static readonly SchemaConstraint Procedure = Code(SeizureCodes.Procedures);
    public static readonly SchemaConstraint DetectionMethod = Code(SeizureCodes.DetectionMethods);
    public static readonly SchemaConstraint ConveyanceMode = Code(SeizureCodes.ConveyanceModes);
    public static readonly SchemaConstraint ConcealmentMethod = Code(SeizureCodes.ConcealmentMethods);
    public static readonly SchemaConstraint Role = Code(Roles.All);
    public static readonly SchemaConstraint Region = Code(WcoRegions.All);
    public static readonly SchemaConstraint FeedScope = Code(FeedScopes.All);
    public static readonly SchemaConstraint WebhookEvent = Code(WebhookEventTypes.All);
    public static readonly SchemaConstraint WebhookScope = Code([WebhookScopes.NonNominal, WebhookScopes.Nominal]);
    public static readonly SchemaConstraint PersonKindCode = Code(PersonKind.All.Select(k => k.Name));
    public static readonly SchemaConstraint LinkRole = Code(LinkRoles.Suspect.Union(LinkRoles.Company));

    // Identifiers and formats.
    public static readonly SchemaConstraint SeizureId = Pattern(ContractPatterns.SeizureId, 28, "SZ-202611-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint PersonId = Pattern(ContractPatterns.PersonId, 21, "SU-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint RecordId = Pattern(ContractPatterns.AnyRecordId, 28);
    public static readonly SchemaConstraint Office = Pattern(ContractPatterns.Office, 16, "PKKHI-APFT");
    public static readonly SchemaConstraint Place = Pattern(ContractPatterns.UnLocode, UnLocode.Length, "PKKHI");
    public static readonly SchemaConstraint Month = Pattern(ContractPatterns.Month, 7, "2026-11");
    public static readonly SchemaConstraint Day = Pattern(ContractPatterns.Day, 10, "2026-11-20");
    public static readonly SchemaConstraint ETag = Pattern(ContractPatterns.StrongETag, 12, "\"3\"");
    public static readonly SchemaConstraint Token = Pattern(ContractPatterns.ContinuationToken, 2048);
    public static readonly SchemaConstraint Sha256 = Pattern(ContractPatterns.Sha256Hex, 64);
    public static readonly SchemaConstraint DateTime = Format("date-time", DateTimeLength);
    public static readonly SchemaConstraint Url = Format("uri", 2048);

    public static readonly SchemaConstraint ImportJobId = Pattern(ContractPatterns.ImportJobId, 21, "IM-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint StatisticsScope = Pattern("^(all|national|region:(AP|EUR|MENA|WCA|ESA|AMC)|office:[A-Z]{2}[A-Z2-9]{3}(-[A-Z0-9]{1,10})?)$", 24, "office:PKKHI");
    public static readonly SchemaConstraint StatisticsPeriodValue = Pattern("^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$", 7, "2026-11");
    public static readonly SchemaConstraint StatisticsDimension = Code(Statistics.StatisticsDimensions.All);

    /// <summary>A subject (user or API key) as the token or key names it.</summary>
    public static readonly SchemaConstraint Subject = Text(256);

    /// <summary>A sentence the server writes (a note, a reason it records).</summary>
    public static readonly SchemaConstraint ServerText = Text(1000);

    public static readonly SchemaConstraint Version = Range(1, int.MaxValue);
    public static readonly SchemaConstraint Count = Range(0, int.MaxValue);
    public static readonly SchemaConstraint Change = Range(int.MinValue, int.MaxValue);
    public static readonly SchemaConstraint LongCount = Range(0, long.MaxValue);

    /// <summary>Property constraints by contract type and JSON property name.</summary>
    private const int TimeOrderedKeyLength = Storage.TimeOrderedKey.Length;

    /// <summary>Receipts and report breakdowns: bounded by the audience and the code lists, never by history.</summary>
    private const int MaxListed = 10_000;

    public static readonly SchemaConstraint AlertId = Pattern(ContractPatterns.AlertId, 21, "AL-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint GroupId = Pattern(ContractPatterns.GroupId, 21, "OP-01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint MessageId = Pattern(ContractPatterns.MessageId, TimeOrderedKeyLength, "01KAQ3J6W2X8Y4Z5AB");
    public static readonly SchemaConstraint HandlingCode = Code(HandlingCodes.All);
    public static readonly SchemaConstraint PriorityCode = Code(Priorities.All);

    public static readonly IReadOnlyDictionary<Type, IReadOnlyDictionary<string, SchemaConstraint>> ByType = Build();

    /// <summary>Request fields the validators require.</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> Required = new Dictionary<Type, string[]>(TargetingContractConstraints.Required())
    {
        [typeof(SeizureFacts)] = ["seizedAt", "office", "procedure", "detectionMethod", "items"],
        [typeof(SeizedItem)] = ["category", "description", "quantity", "unit"],
        [typeof(Money)] = ["amount", "currency"],
        [typeof(Concealment)] = ["method"],
        [typeof(Conveyance)] = ["mode"],
        [typeof(IdentityDocument)] = ["type", "number"],
        [typeof(PostalAddress)] = ["country"],
        [typeof(CompanyFacts)] = ["legalName", "country"],
        [typeof(RegistrationNumber)] = ["scheme", "number"],
        [typeof(LinkRequest)] = ["kind", "targetId", "role"],
        [typeof(WithdrawPhotoRequest)] = ["reason"],
        [typeof(CreateApiKeyRequest)] = ["name", "role"],
        [typeof(WebhookSubscriptionRequest)] = ["url", "events"],
    };

    /// <summary>Response fields the server sets; a client never sends them.</summary>
    public static readonly IReadOnlySet<string> ServerSet = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "version", "etag", "recordedAt", "updatedAt", "createdAt", "createdBy", "linkedAt", "uploadedAt", "uploadedBy",
        "owner", "status", "secretRotatedAt", "previousSecretExpiresAt", "disabledAt", "disabledReason", "failingSince", "revokedAt", "rotatedAt",
    };

    /// <summary>Types only ever sent by the server: their server-set fields are marked read-only.</summary>
    public static readonly IReadOnlySet<Type> Responses = new HashSet<Type>
    {
        typeof(Seizure), typeof(Suspect), typeof(Company), typeof(SeizureLink), typeof(Photo), typeof(WebhookSubscription), typeof(ApiKeyInfo),
    };

    private static Dictionary<Type, IReadOnlyDictionary<string, SchemaConstraint>> Build()
    {
        var seizureFacts = new Dictionary<string, SchemaConstraint>
        {
            ["seizedAt"] = All(Pattern(ContractPatterns.DateTimeWithOffset, DateTimeLength, "2026-11-20T14:30:00+05:00"),
                Describe("When the goods were seized, with the local UTC offset (its local month is the record's month).")),
            ["office"] = Office,
            ["procedure"] = Procedure,
            ["detectionMethod"] = DetectionMethod,
            ["items"] = List(SeizureValidator.MaxItems, minItems: 1),
            ["narrative"] = Text(SeizureValidator.MaxNarrativeLength),
            ["operationId"] = All(GroupId, Describe("The operation group the seizure is reported into: it appears there and in the operation report.")),
        };
        var seizure = new Dictionary<string, SchemaConstraint>(seizureFacts)
        {
            ["id"] = SeizureId, ["version"] = Version, ["etag"] = ETag, ["recordedAt"] = DateTime, ["updatedAt"] = DateTime,
        };
        var suspectFacts = new Dictionary<string, SchemaConstraint>
        {
            ["givenNames"] = Text(SuspectValidator.MaxNameLength),
            ["familyName"] = Text(SuspectValidator.MaxNameLength),
            ["fullName"] = Text(SuspectValidator.MaxNameLength),
            ["aliases"] = List(FactChecks.MaxListItems, Text(SuspectValidator.MaxNameLength)),
            ["dateOfBirth"] = Pattern(ContractPatterns.DateOrYear, 10, "1984-03-07"),
            ["gender"] = Code(SuspectValidator.Genders),
            ["nationalities"] = List(SuspectValidator.MaxNationalities, Country),
            ["documents"] = List(SuspectValidator.MaxDocuments),
            ["addresses"] = List(FactChecks.MaxListItems),
            ["phoneNumbers"] = List(FactChecks.MaxListItems, Pattern("^\\+?[0-9 ().-]{8,30}$", 30, "+92 300 123-4567")),
            ["notes"] = Text(SuspectValidator.MaxNotesLength),
        };
        var suspect = new Dictionary<string, SchemaConstraint>(suspectFacts)
        {
            ["id"] = Pattern(ContractPatterns.SuspectId, 21), ["version"] = Version, ["etag"] = ETag, ["recordedAt"] = DateTime, ["updatedAt"] = DateTime,
            ["phoneNumbers"] = List(FactChecks.MaxListItems, Pattern(ContractPatterns.PhoneNumber, 16)),
        };
        var companyFacts = new Dictionary<string, SchemaConstraint>
        {
            ["legalName"] = Text(CompanyValidator.MaxNameLength),
            ["tradingNames"] = List(FactChecks.MaxListItems, Text(CompanyValidator.MaxNameLength)),
            ["registrationNumbers"] = List(CompanyValidator.MaxRegistrationNumbers),
            ["country"] = Country,
            ["addresses"] = List(FactChecks.MaxListItems),
            ["rolesSeen"] = List(CompanyValidator.Roles.Count, Code(CompanyValidator.Roles)),
            ["notes"] = Text(CompanyValidator.MaxNotesLength),
        };
        var company = new Dictionary<string, SchemaConstraint>(companyFacts)
        {
            ["id"] = Pattern(ContractPatterns.CompanyId, 21), ["version"] = Version, ["etag"] = ETag, ["recordedAt"] = DateTime, ["updatedAt"] = DateTime,
        };
        var subscriptionRequest = new Dictionary<string, SchemaConstraint>
        {
            ["url"] = Url,
            ["events"] = List(WebhookSubscriptionValidator.MaxEvents, WebhookEvent, minItems: 1),
            ["description"] = Text(WebhookSubscriptionValidator.MaxDescriptionLength),
            ["scope"] = WebhookScope,
        };

        var all = new Dictionary<Type, IReadOnlyDictionary<string, SchemaConstraint>>
        {
            [typeof(SeizureFacts)] = seizureFacts,
            [typeof(Seizure)] = seizure,
            [typeof(SeizedItem)] = new Dictionary<string, SchemaConstraint>
            {
                ["category"] = Category,
                ["description"] = Text(SeizureValidator.MaxItemDescriptionLength),
                ["hsCode"] = Pattern(ContractPatterns.HsCode, 7, "2403.11"),
                ["quantity"] = ExclusiveMinimum(0, SeizureValidator.MaxQuantity),
                ["unit"] = Unit,
            },
            [typeof(Money)] = new Dictionary<string, SchemaConstraint> { ["amount"] = Range(0, decimal.MaxValue), ["currency"] = Currency },
            [typeof(Concealment)] = new Dictionary<string, SchemaConstraint>
            {
                ["method"] = ConcealmentMethod, ["description"] = Text(SeizureValidator.MaxConcealmentDescriptionLength),
            },
            [typeof(Conveyance)] = new Dictionary<string, SchemaConstraint>
            {
                ["mode"] = ConveyanceMode,
                ["vesselImo"] = Pattern(ContractPatterns.ImoNumber, 11, "9074729"),
                ["flightNumber"] = Pattern(ContractPatterns.FlightNumber, 8, "PK301"),
                ["vehicleRegistration"] = Text(SeizureValidator.MaxVehicleRegistrationLength),
                ["containerNumbers"] = List(SeizureValidator.MaxContainers, Pattern(ContractPatterns.ContainerNumber, ContainerNumber.Length, "CSQU3054383")),
                ["transportDocument"] = Text(SeizureValidator.MaxTransportDocumentLength),
            },
            [typeof(Seizures.Route)] = new Dictionary<string, SchemaConstraint>
            {
                ["departureCountry"] = Country,
                ["transitCountries"] = List(SeizureValidator.MaxTransitCountries, Country),
                ["destinationCountry"] = Country,
                ["departurePlace"] = Place,
                ["destinationPlace"] = Place,
            },
            [typeof(SeizurePage)] = Page(PageRequest.MaxSize),
            [typeof(SeizureVersion)] = new Dictionary<string, SchemaConstraint>
            {
                ["version"] = Version, ["type"] = Code([Events.RecordEventTypes.SeizureRecorded, Events.RecordEventTypes.SeizureUpdated]),
                ["eventId"] = Pattern("^SZ-[0-9]{6}-[0-9A-Z]{18}\\.v[0-9]+$", 40), ["occurredAt"] = DateTime,
            },

            [typeof(SuspectFacts)] = suspectFacts,
            [typeof(Suspect)] = suspect,
            [typeof(IdentityDocument)] = new Dictionary<string, SchemaConstraint>
            {
                ["type"] = Code(SuspectValidator.DocumentTypes),
                ["number"] = All(Pattern("^[A-Za-z0-9][A-Za-z0-9 /.<-]{2,39}$", 40, "AB1234567"),
                    Describe("Stored in upper case without spaces or dashes; a number in MRZ form (\"L898902C<3\") carries its check digit.")),
                ["issuingCountry"] = Country,
                ["expiresOn"] = Day,
                ["mrzCheckDigit"] = Pattern("^[0-9]$", 1),
            },
            [typeof(PostalAddress)] = new Dictionary<string, SchemaConstraint>
            {
                ["text"] = Text(AddressChecks.MaxTextLength), ["city"] = Text(AddressChecks.MaxCityLength), ["country"] = Country,
            },
            [typeof(SuspectMatch)] = Match(),
            [typeof(SuspectSearchResult)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(SuspectEndpoints.MaxLimit) },
            [typeof(CompanyFacts)] = companyFacts,
            [typeof(Company)] = company,
            [typeof(RegistrationNumber)] = new Dictionary<string, SchemaConstraint>
            {
                ["scheme"] = Pattern("^[a-z][a-z0-9-]{1,29}$", 30, "ntn"),
                ["number"] = Pattern("^[A-Za-z0-9][A-Za-z0-9 /.-]{2,39}$", 40, "4012345-6"),
                ["country"] = Country,
            },
            [typeof(CompanyMatch)] = Match(),
            [typeof(CompanySearchResult)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(SuspectEndpoints.MaxLimit) },
            [typeof(DuplicateCandidate)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = PersonId, ["reasons"] = List(10, ServerText), ["name"] = Text(CompanyValidator.MaxNameLength), ["detail"] = ServerText,
            },

            [typeof(LinkRequest)] = new Dictionary<string, SchemaConstraint>
            {
                ["kind"] = PersonKindCode, ["targetId"] = PersonId, ["role"] = LinkRole, ["notes"] = Text(LinkRoles.MaxNotesLength),
            },
            [typeof(SeizureLink)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = PersonId, ["kind"] = PersonKindCode, ["targetId"] = PersonId, ["seizureId"] = SeizureId, ["role"] = LinkRole,
                ["notes"] = Text(LinkRoles.MaxNotesLength), ["linkedAt"] = DateTime, ["updatedAt"] = DateTime, ["version"] = Version,
            },
            [typeof(SeizureLinks)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(MaxPersonRecords * 10) },
            [typeof(PersonSeizureLink)] = new Dictionary<string, SchemaConstraint>
            {
                ["seizureId"] = SeizureId, ["seizureOffice"] = Office, ["role"] = LinkRole, ["notes"] = Text(LinkRoles.MaxNotesLength), ["linkedAt"] = DateTime,
            },
            [typeof(PersonSeizurePage)] = Page(PageRequest.MaxSize),
            [typeof(NetworkNode)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = RecordId, ["kind"] = Code(["seizure", .. PersonKind.All.Select(k => k.Name)]), ["label"] = Text(CompanyValidator.MaxNameLength),
                ["depth"] = Range(0, NetworkEndpoints.MaxDepth),
            },
            [typeof(NetworkEdge)] = new Dictionary<string, SchemaConstraint> { ["seizureId"] = SeizureId, ["targetId"] = PersonId, ["role"] = LinkRole },
            [typeof(LinkNetwork)] = new Dictionary<string, SchemaConstraint>
            {
                ["start"] = RecordId, ["depth"] = Range(1, NetworkEndpoints.MaxDepth),
                ["nodes"] = List(new NetworkOptions().MaxNodes), ["edges"] = List(new NetworkOptions().MaxEdges),
            },

            [typeof(Photo)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = Pattern(ContractPatterns.PhotoId, 21), ["seizureId"] = SeizureId,
                ["status"] = Code([PhotoStatus.Processing, PhotoStatus.Ready, PhotoStatus.Failed, PhotoStatus.Withdrawn]),
                ["sha256"] = Sha256, ["size"] = LongCount, ["contentType"] = Code(["image/jpeg", "image/png"]),
                ["width"] = Count, ["height"] = Count, ["uploadedBy"] = Subject, ["uploadedAt"] = DateTime, ["takenAt"] = DateTime,
                ["caption"] = Text(new PhotoOptions().MaxCaptionLength), ["failureReason"] = ServerText,
            },
            [typeof(PhotoExif)] = new Dictionary<string, SchemaConstraint>
            {
                ["captureTime"] = Format("date-time", DateTimeLength), ["cameraMake"] = Text(256), ["cameraModel"] = Text(256),
                ["latitude"] = Range(-90, 90), ["longitude"] = Range(-180, 180),
            },
            [typeof(PhotoWithdrawal)] = new Dictionary<string, SchemaConstraint>
            {
                ["reason"] = Text(PhotoEndpoints.MaxWithdrawalReasonLength), ["by"] = Subject, ["at"] = DateTime,
            },
            [typeof(PhotoLinks)] = new Dictionary<string, SchemaConstraint>
            {
                ["self"] = Format("uri-reference", 256), ["original"] = Format("uri-reference", 256),
                ["sanitized"] = Format("uri-reference", 256), ["thumbnail"] = Format("uri-reference", 256),
            },
            [typeof(PhotoList)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(1000) },
            [typeof(PhotoDetails)] = new Dictionary<string, SchemaConstraint>
            {
                ["caption"] = Text(new PhotoOptions().MaxCaptionLength), ["takenAt"] = Pattern(ContractPatterns.DateTimeWithOffset, DateTimeLength),
            },
            [typeof(PhotoUploadSession)] = new Dictionary<string, SchemaConstraint>
            {
                ["uploadId"] = Pattern(ContractPatterns.UploadId, 32), ["uploadUrl"] = Url, ["expiresAt"] = DateTime,
                ["maxBytes"] = LongCount, ["completeUrl"] = Format("uri-reference", 256),
            },
            [typeof(WithdrawPhotoRequest)] = new Dictionary<string, SchemaConstraint> { ["reason"] = Text(PhotoEndpoints.MaxWithdrawalReasonLength) },

            [typeof(FeedManifest)] = new Dictionary<string, SchemaConstraint>
            {
                ["scope"] = FeedScope, ["month"] = Month, ["version"] = Version, ["generatedAt"] = DateTime, ["recordCount"] = Count,
                ["itemCount"] = Count, ["contentHash"] = Sha256, ["files"] = List(10),
            },
            [typeof(FeedFile)] = new Dictionary<string, SchemaConstraint>
            {
                ["name"] = Code([FeedFiles.SeizuresJson, FeedFiles.SeizuresCsv, FeedFiles.Summary]),
                ["mediaType"] = Code([FeedFiles.JsonLinesMediaType, FeedFiles.CsvMediaType, FeedFiles.JsonMediaType]),
                ["size"] = LongCount, ["sha256"] = Sha256,
            },
            [typeof(FeedMonthList)] = new Dictionary<string, SchemaConstraint> { ["scope"] = FeedScope, ["months"] = List(1200) },
            [typeof(FeedMonth)] = new Dictionary<string, SchemaConstraint>
            {
                ["month"] = Month, ["version"] = Version, ["generatedAt"] = DateTime, ["recordCount"] = Count, ["manifest"] = Format("uri-reference", 256),
            },
            [typeof(FeedRebuildAccepted)] = new Dictionary<string, SchemaConstraint> { ["month"] = Month, ["status"] = Code(["queued"]) },
            [typeof(FeedSummary)] = new Dictionary<string, SchemaConstraint>
            {
                ["scope"] = FeedScope, ["month"] = Month,
                ["byCategoryAndUnit"] = List(SeizureCodes.Categories.Count * SeizureCodes.Units.Count),
                ["byDetectionMethod"] = List(SeizureCodes.DetectionMethods.Count + 1),
                ["byConcealmentMethod"] = List(SeizureCodes.ConcealmentMethods.Count + 1),
                ["byConveyanceMode"] = List(SeizureCodes.ConveyanceModes.Count + 1),
                ["byRoute"] = List((CountryCodes.All.Count + 1) * (CountryCodes.All.Count + 1)),
                ["byOffice"] = List(100_000),
            },
            [typeof(FeedComparison)] = new Dictionary<string, SchemaConstraint> { ["previousMonth"] = Month, ["yearBefore"] = Month },
            [typeof(FeedTotals)] = new Dictionary<string, SchemaConstraint> { ["seizures"] = Count, ["items"] = Count },
            [typeof(TotalsChange)] = new Dictionary<string, SchemaConstraint> { ["seizures"] = Change, ["items"] = Change },
            [typeof(CategoryUnitCount)] = new Dictionary<string, SchemaConstraint>
            {
                ["category"] = Category, ["unit"] = Unit, ["seizures"] = Count, ["items"] = Count, ["quantity"] = Range(0, decimal.MaxValue),
            },
            [typeof(QuantityChange)] = new Dictionary<string, SchemaConstraint> { ["seizures"] = Change, ["items"] = Change },
            [typeof(KeyCount)] = new Dictionary<string, SchemaConstraint> { ["key"] = Text(64), ["seizures"] = Count },
            [typeof(RouteCount)] = new Dictionary<string, SchemaConstraint> { ["departureCountry"] = Country, ["destinationCountry"] = Country, ["seizures"] = Count },
            [typeof(CountChange)] = new Dictionary<string, SchemaConstraint> { ["seizures"] = Change },

            [typeof(WebhookSubscriptionRequest)] = subscriptionRequest,
            [typeof(WebhookFilter)] = new Dictionary<string, SchemaConstraint>
            {
                ["categories"] = List(WebhookSubscriptionValidator.MaxFilterValues, Category),
                ["countries"] = List(WebhookSubscriptionValidator.MaxFilterValues, Country),
            },
            [typeof(WebhookSubscription)] = new Dictionary<string, SchemaConstraint>(subscriptionRequest)
            {
                ["id"] = Pattern(ContractPatterns.SubscriptionId, 19), ["owner"] = Subject,
                ["status"] = Code([WebhookStatuses.Active, WebhookStatuses.Disabled]), ["disabledReason"] = ServerText,
                ["disabledAt"] = DateTime, ["failingSince"] = DateTime, ["createdAt"] = DateTime, ["updatedAt"] = DateTime,
                ["secretRotatedAt"] = DateTime, ["previousSecretExpiresAt"] = DateTime, ["etag"] = ETag,
                ["secret"] = Pattern(ContractPatterns.WebhookSecret, 64),
            },
            [typeof(WebhookSubscriptionPage)] = Page(PageRequest.MaxSize),
            [typeof(WebhookSecretRotation)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = Pattern(ContractPatterns.SubscriptionId, 19), ["secret"] = Pattern(ContractPatterns.WebhookSecret, 64),
                ["previousSecretExpiresAt"] = DateTime, ["note"] = ServerText,
            },
            [typeof(WebhookPingAccepted)] = new Dictionary<string, SchemaConstraint>
            {
                ["deliveryId"] = Pattern(ContractPatterns.DeliveryId, 24), ["eventId"] = Text(128),
            },
            [typeof(WebhookDelivery)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = Pattern(ContractPatterns.DeliveryId, 24), ["eventId"] = Text(128), ["eventType"] = WebhookEvent, ["recordId"] = Text(64),
                ["occurredAt"] = DateTime,
                ["status"] = Code([DeliveryStatuses.Pending, DeliveryStatuses.Sending, DeliveryStatuses.Retrying, DeliveryStatuses.Succeeded,
                    DeliveryStatuses.DeadLetter, DeliveryStatuses.Cancelled]),
                ["attempts"] = Count, ["lastStatusCode"] = Range(100, 599), ["lastDurationMs"] = LongCount, ["lastError"] = ServerText,
                ["lastAttemptAt"] = DateTime, ["nextAttemptAt"] = DateTime, ["deliveredAt"] = DateTime, ["redeliveries"] = Count,
                ["createdAt"] = DateTime, ["attemptLog"] = List(30),
            },
            [typeof(DeliveryAttempt)] = new Dictionary<string, SchemaConstraint>
            {
                ["number"] = Range(1, int.MaxValue), ["at"] = DateTime, ["statusCode"] = Range(100, 599), ["durationMs"] = LongCount, ["error"] = ServerText,
            },
            [typeof(WebhookDeliveryPage)] = Page(PageRequest.MaxSize),

            [typeof(CreateApiKeyRequest)] = new Dictionary<string, SchemaConstraint>
            {
                ["name"] = Text(ApiKeyEndpoints.MaxNameLength), ["role"] = Code(ApiKeyEndpoints.KeyRoles), ["region"] = Region, ["expiresAt"] = DateTime,
            },
            [typeof(ApiKeyInfo)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = Pattern(ContractPatterns.ApiKeyId, 16), ["name"] = Text(ApiKeyEndpoints.MaxNameLength), ["role"] = Code(ApiKeyEndpoints.KeyRoles),
                ["region"] = Region, ["createdAt"] = DateTime, ["createdBy"] = Subject, ["expiresAt"] = DateTime, ["revokedAt"] = DateTime,
                ["rotatedAt"] = DateTime, ["status"] = Code(["active", "expired", "revoked"]),
            },
            [typeof(IssuedApiKey)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = Pattern(ContractPatterns.ApiKeyId, 16), ["key"] = Pattern(ContractPatterns.ApiKey, 128), ["name"] = Text(ApiKeyEndpoints.MaxNameLength),
                ["role"] = Code(ApiKeyEndpoints.KeyRoles), ["region"] = Region, ["expiresAt"] = DateTime, ["note"] = ServerText,
            },
            [typeof(ApiKeyList)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(10_000) },

            [typeof(DuplicateReview)] = new Dictionary<string, SchemaConstraint>
            {
                ["recordId"] = PersonId, ["kind"] = PersonKindCode, ["operation"] = Code(["record", "correct"]),
                ["candidateIds"] = List(Persons.DuplicateReviews.MaxCandidates, PersonId), ["reasons"] = List(10, ServerText),
                ["flaggedAt"] = DateTime, ["flaggedBy"] = Subject, ["flaggedByOffice"] = Office,
            },
            [typeof(DuplicateReviewPage)] = Page(PageRequest.MaxSize),

            [typeof(AuditEntryView)] = new Dictionary<string, SchemaConstraint>
            {
                ["sequence"] = LongCount, ["at"] = DateTime, ["subject"] = Subject, ["roles"] = List(Roles.All.Length, Role), ["office"] = Office,
                ["region"] = Region, ["apiKeyId"] = Pattern(ContractPatterns.ApiKeyId, 16), ["authMethod"] = Text(32),
                ["operation"] = Pattern("^[a-z][a-z.-]{1,63}$", 64), ["records"] = List(1000, Text(256)),
                ["outcome"] = Code([AuditOutcomes.Authorized, AuditOutcomes.Read, AuditOutcomes.Unauthenticated, AuditOutcomes.Forbidden, AuditOutcomes.OutOfScope]),
                ["client"] = Text(256), ["traceId"] = Pattern("^[0-9a-f]{32}$", 32), ["previousHash"] = Sha256, ["hash"] = Sha256,
            },
            [typeof(AuditPage)] = Page(1000),
            [typeof(AuditVerification)] = new Dictionary<string, SchemaConstraint> { ["date"] = Day, ["entries"] = Count, ["anchors"] = Count },
            [typeof(AuditBreak)] = new Dictionary<string, SchemaConstraint> { ["sequence"] = LongCount, ["reason"] = ServerText },
            [typeof(AuditAnchor)] = new Dictionary<string, SchemaConstraint>
            {
                ["day"] = Day, ["sequence"] = LongCount, ["hash"] = Sha256, ["anchoredAt"] = DateTime,
            },
            [typeof(HealthReport)] = new Dictionary<string, SchemaConstraint>
            {
                ["status"] = Code(["ok", "degraded"]), ["storage"] = Map(3, Code(["ok", "unavailable"])),
            },

            [typeof(PartnerSeizureView)] = new Dictionary<string, SchemaConstraint>(seizureFacts) { ["id"] = SeizureId, ["version"] = Version },
            [typeof(PartnerSeizedItem)] = new Dictionary<string, SchemaConstraint>
            {
                ["category"] = Category, ["hsCode"] = Pattern("^([0-9]{4}|[0-9]{6})$", 6), ["quantity"] = ExclusiveMinimum(0, SeizureValidator.MaxQuantity), ["unit"] = Unit,
            },
            [typeof(PartnerConcealment)] = new Dictionary<string, SchemaConstraint> { ["method"] = ConcealmentMethod },
            [typeof(PartnerConveyance)] = new Dictionary<string, SchemaConstraint>
            {
                ["mode"] = ConveyanceMode, ["vesselImo"] = Pattern("^[0-9]{7}$", 7), ["flightNumber"] = Pattern(ContractPatterns.FlightNumber, 8),
                ["containerNumbers"] = List(SeizureValidator.MaxContainers, Pattern(ContractPatterns.ContainerNumber, ContainerNumber.Length)),
            },
            [typeof(NominalSeizureView)] = new Dictionary<string, SchemaConstraint> { ["id"] = SeizureId, ["version"] = Version },

            [typeof(RecordSource)] = new Dictionary<string, SchemaConstraint>
            {
                ["kind"] = Code(["import"]), ["importJob"] = ImportJobId, ["row"] = Range(1, int.MaxValue),
                ["legacyCaseNumber"] = Text(BulkImport.ImportRowChecks.MaxLegacyCaseNumberLength),
            },
            [typeof(BulkImport.CreateImportRequest)] = new Dictionary<string, SchemaConstraint> { ["format"] = Code(BulkImport.ImportFormats.All) },
            [typeof(BulkImport.ImportJob)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = ImportJobId, ["format"] = Code(BulkImport.ImportFormats.All),
                ["state"] = Code([BulkImport.ImportStates.Open, BulkImport.ImportStates.Uploaded, BulkImport.ImportStates.InProgress,
                    BulkImport.ImportStates.Completed, BulkImport.ImportStates.Failed, BulkImport.ImportStates.Aborted]),
                ["createdAt"] = DateTime, ["updatedAt"] = DateTime, ["finishedAt"] = DateTime, ["uploadExpiresAt"] = DateTime,
                ["maxBytes"] = LongCount, ["fileBytes"] = LongCount, ["uploadUrl"] = Url, ["fileSha256"] = Sha256, ["error"] = ServerText,
                ["failedRowsUrl"] = Format("uri-reference", 256), ["createdIdsUrl"] = Format("uri-reference", 256),
            },
            [typeof(BulkImport.ImportProgress)] = new Dictionary<string, SchemaConstraint>
            {
                ["rowsRead"] = Count, ["imported"] = Count, ["skipped"] = Count, ["failed"] = Count,
            },
            [typeof(Statistics.StatisticsReport)] = new Dictionary<string, SchemaConstraint>
            {
                ["scope"] = StatisticsScope, ["dimension"] = StatisticsDimension, ["period"] = StatisticsPeriodValue,
                ["previousPeriod"] = StatisticsPeriodValue, ["yearAgoPeriod"] = StatisticsPeriodValue, ["rows"] = List(100_000),
            },
            [typeof(Statistics.StatisticsLine)] = new Dictionary<string, SchemaConstraint> { ["key"] = Text(64) },
            [typeof(Statistics.Measures)] = new Dictionary<string, SchemaConstraint>
            {
                ["count"] = Range(long.MinValue, long.MaxValue), ["kgEquivalent"] = Range(decimal.MinValue, decimal.MaxValue),
                ["quantities"] = Map(SeizureCodes.Units.Count, Range(decimal.MinValue, decimal.MaxValue)),
                ["values"] = Map(CurrencyCodes.All.Count, Range(decimal.MinValue, decimal.MaxValue)),
            },
            [typeof(Statistics.StatisticsChange)] = new Dictionary<string, SchemaConstraint>
            {
                ["countVsPrevious"] = Range(long.MinValue, long.MaxValue), ["countVsYearAgo"] = Range(long.MinValue, long.MaxValue),
                ["countVsPreviousPercent"] = Range(decimal.MinValue, decimal.MaxValue), ["countVsYearAgoPercent"] = Range(decimal.MinValue, decimal.MaxValue),
                ["kgEquivalentVsPrevious"] = Range(decimal.MinValue, decimal.MaxValue), ["kgEquivalentVsYearAgo"] = Range(decimal.MinValue, decimal.MaxValue),
            },
        };
        foreach (var (type, constraints) in CaseContractConstraints.Build().Concat(Communication()).Concat(TargetingContractConstraints.Build()))
        {
            all[type] = constraints;
        }

        return all;
    }

    private static Dictionary<Type, IReadOnlyDictionary<string, SchemaConstraint>> Communication()
    {
        var readMarkerTarget = Pattern(ContractPatterns.ReadMarkerTarget, 21, "AL-01KAQ3J6W2X8Y4Z5AB");
        var references = List(RecordReferences.MaxReferences, RecordId);
        var alertRequest = new Dictionary<string, SchemaConstraint>
        {
            ["title"] = Text(AlertValidator.MaxTitleLength),
            ["body"] = Text(AlertValidator.MaxBodyLength),
            ["kind"] = Code(AlertValidator.Kinds),
            ["references"] = references,
            ["validFrom"] = DateTime,
            ["validUntil"] = DateTime,
            ["priority"] = PriorityCode,
            ["handling"] = HandlingCode,
            ["office"] = Office,
        };
        var groupRequest = new Dictionary<string, SchemaConstraint>
        {
            ["name"] = Text(GroupValidator.MaxNameLength),
            ["purpose"] = Text(GroupValidator.MaxPurposeLength),
            ["office"] = Office,
            ["startsOn"] = Day,
            ["endsOn"] = Day,
            ["defaultHandling"] = HandlingCode,
            ["languages"] = List(GroupValidator.MaxLanguages, Pattern(ContractPatterns.Language, 2, "en")),
            ["retentionDays"] = Range(1, 36500),
            ["escalationMinutes"] = Range(1, GroupValidator.MaxEscalationMinutes),
        };
        var messageRequest = new Dictionary<string, SchemaConstraint>
        {
            ["text"] = Text(GroupValidator.MaxTextLength),
            ["references"] = references,
            ["priority"] = PriorityCode,
            ["handling"] = HandlingCode,
            ["recipients"] = List(GroupValidator.MaxMembers, Subject),
        };

        return new Dictionary<Type, IReadOnlyDictionary<string, SchemaConstraint>>
        {
            [typeof(Evaluation)] = new Dictionary<string, SchemaConstraint>
            {
                ["source"] = Code(Evaluation.SourceCodes), ["accuracy"] = Range(1, 4),
            },
            [typeof(RecordReference)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = RecordId, ["kind"] = Code(["seizure", "suspect", "company"]), ["summary"] = ServerText,
            },
            [typeof(AlertRequest)] = alertRequest,
            [typeof(AlertFacts)] = new Dictionary<string, SchemaConstraint>
            {
                ["categories"] = List(AlertValidator.MaxFactValues, Category),
                ["concealmentMethods"] = List(AlertValidator.MaxFactValues, ConcealmentMethod),
                ["routeCountries"] = List(AlertValidator.MaxFactValues, Country),
                ["conveyanceModes"] = List(AlertValidator.MaxFactValues, ConveyanceMode),
            },
            [typeof(AlertAudience)] = new Dictionary<string, SchemaConstraint>
            {
                ["offices"] = List(AlertValidator.MaxAudienceOffices, Office),
                ["regions"] = List(WcoRegions.All.Count, Region),
                ["roles"] = List(AlertValidator.AudienceRoles.Count, Code(AlertValidator.AudienceRoles)),
                ["users"] = List(AlertValidator.MaxAudienceUsers, Subject),
            },
            [typeof(Alert)] = new Dictionary<string, SchemaConstraint>(alertRequest)
            {
                ["id"] = AlertId, ["references"] = List(RecordReferences.MaxReferences), ["publishedBy"] = Subject, ["publishedAt"] = DateTime,
            },
            [typeof(AlertPage)] = Page(AlertEndpoints.MaxPageSize),
            [typeof(ReadMarkerRequest)] = new Dictionary<string, SchemaConstraint> { ["upTo"] = readMarkerTarget },
            [typeof(ReadMarker)] = new Dictionary<string, SchemaConstraint> { ["upTo"] = readMarkerTarget, ["at"] = DateTime },
            [typeof(AckReceipt)] = new Dictionary<string, SchemaConstraint>
            {
                ["itemId"] = readMarkerTarget, ["acknowledgedBy"] = List(MaxListed), ["pending"] = List(MaxListed, Subject),
            },
            [typeof(Acknowledgement)] = new Dictionary<string, SchemaConstraint>
            {
                ["subject"] = Subject, ["office"] = Office, ["acknowledgedAt"] = DateTime,
            },
            [typeof(GroupRequest)] = groupRequest,
            [typeof(GroupMembers)] = new Dictionary<string, SchemaConstraint>
            {
                ["users"] = List(GroupValidator.MaxMembers, Subject), ["offices"] = List(GroupValidator.MaxMembers, Office),
            },
            [typeof(Group)] = new Dictionary<string, SchemaConstraint>(groupRequest)
            {
                ["id"] = GroupId, ["owner"] = Subject, ["joinRequests"] = List(GroupValidator.MaxMembers, Subject), ["createdAt"] = DateTime,
            },
            [typeof(GroupPage)] = Page(GroupEndpoints.MaxPageSize),
            [typeof(MessageRequest)] = messageRequest,
            [typeof(GroupMessage)] = new Dictionary<string, SchemaConstraint>(messageRequest)
            {
                ["id"] = MessageId,
                ["groupId"] = GroupId,
                ["clientMessageId"] = Pattern(ContractPatterns.ClientMessageId, GroupValidator.MaxClientMessageIdLength),
                ["sender"] = Subject,
                ["senderOffice"] = Office,
                ["sentAt"] = DateTime,
                ["references"] = List(RecordReferences.MaxReferences),
            },
            [typeof(GroupMessagePage)] = Page(GroupEndpoints.MaxPageSize),
            [typeof(OperationReport)] = new Dictionary<string, SchemaConstraint>
            {
                ["groupId"] = GroupId, ["generatedAt"] = DateTime, ["seizures"] = Count,
                ["byCategory"] = List(MaxListed), ["byRoute"] = List(MaxListed), ["byConcealment"] = List(MaxListed), ["byOffice"] = List(MaxListed),
            },
            [typeof(ReportCount)] = new Dictionary<string, SchemaConstraint>
            {
                ["key"] = Text(64), ["seizures"] = Count, ["quantities"] = List(SeizureCodes.Units.Count),
            },
            [typeof(ReportQuantity)] = new Dictionary<string, SchemaConstraint> { ["unit"] = Unit },
            [typeof(InboxPage)] = new Dictionary<string, SchemaConstraint> { ["items"] = List(InboxOptions.MaxPageSize), ["cursor"] = MessageId },
            [typeof(InboxItem)] = new Dictionary<string, SchemaConstraint>
            {
                ["cursor"] = MessageId, ["kind"] = Code(InboxKinds.All), ["deliveredAt"] = DateTime,
            },
            [typeof(Notice)] = new Dictionary<string, SchemaConstraint>
            {
                ["id"] = Text(256), ["type"] = Text(64), ["text"] = ServerText, ["recordId"] = Text(64),
            },
        };
    }

    private static Dictionary<string, SchemaConstraint> Page(int maxItems) => new()
    {
        ["items"] = List(maxItems), ["continuationToken"] = Token,
    };

    private static Dictionary<string, SchemaConstraint> Match() => new()
    {
        ["score"] = Range(0, 1), ["matchedOn"] = Text(CompanyValidator.MaxNameLength),
    };
}
