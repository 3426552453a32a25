namespace Enforcement.Functions.ApiDocs;

/// <summary>Conditional-request and idempotency headers an operation honours.</summary>
[Flags]
internal enum RequestHeaders
{
    None = 0,
    IdempotencyKey = 1,
    IfMatchRequired = 2,
    IfMatchOptional = 4,
    IfNoneMatch = 8,
    Range = 16,
}

/// <summary>
/// What an operation does beyond what its handler's result types and its route already say: the problem statuses its
/// handler returns for its own reasons (409, 410, 412, 422, ...), the headers it honours, the response headers it sets.
/// Statuses every operation shares (401, 403, 404 for a path id, 400/413/415 for a body, 429, 500, 503) are derived from
/// the endpoint's metadata by <see cref="OperationResponsesTransformer"/>.
/// </summary>
internal sealed record OperationFacts(int[] Problems, RequestHeaders Headers = RequestHeaders.None, bool ETag = false, bool Location = false)
{
    public static readonly IReadOnlyDictionary<string, OperationFacts> ById = new Dictionary<string, OperationFacts>(StringComparer.Ordinal)
    {
        ["RecordSeizure"] = new([422], RequestHeaders.IdempotencyKey, ETag: true, Location: true),
        ["GetSeizure"] = new([], RequestHeaders.IfNoneMatch, ETag: true),
        ["ListSeizures"] = new([]),
        ["CorrectSeizure"] = new([412, 422, 428], RequestHeaders.IfMatchRequired, ETag: true),
        ["GetSeizureHistory"] = new([]),

        ["RecordSuspect"] = new([409, 422], RequestHeaders.IdempotencyKey, ETag: true, Location: true),
        ["GetSuspect"] = new([], RequestHeaders.IfNoneMatch, ETag: true),
        ["CorrectSuspect"] = new([409, 412, 428], RequestHeaders.IfMatchRequired, ETag: true),
        ["SearchSuspects"] = new([]),
        ["RecordCompany"] = new([409, 422], RequestHeaders.IdempotencyKey, ETag: true, Location: true),
        ["GetCompany"] = new([], RequestHeaders.IfNoneMatch, ETag: true),
        ["CorrectCompany"] = new([409, 412, 428], RequestHeaders.IfMatchRequired, ETag: true),
        ["SearchCompanies"] = new([]),

        ["LinkPerson"] = new([409, 422], Location: true),
        ["ListSeizureLinks"] = new([]),
        ["UnlinkPerson"] = new([409]),
        ["ListSuspectSeizures"] = new([]),
        ["ListCompanySeizures"] = new([]),
        ["GetNetwork"] = new([404]),

        ["AddPhoto"] = new([409, 422], RequestHeaders.IdempotencyKey, Location: true),
        ["ListPhotos"] = new([]),
        ["GetPhoto"] = new([]),
        ["GetPhotoContent"] = new([409, 410, 416], RequestHeaders.IfNoneMatch | RequestHeaders.Range, ETag: true),
        ["WithdrawPhoto"] = new([409]),
        ["OpenUploadSession"] = new([]),
        ["CompleteUploadSession"] = new([409, 422]),

        ["ListFeeds"] = new([]),
        ["GetFeedManifest"] = new([], RequestHeaders.IfNoneMatch, ETag: true),
        ["GetFeedSeizures"] = new([], RequestHeaders.IfNoneMatch, ETag: true),
        ["GetFeedSummary"] = new([], RequestHeaders.IfNoneMatch, ETag: true),
        ["RebuildFeed"] = new([]),

        ["CreateWebhookSubscription"] = new([422], ETag: true, Location: true),
        ["ListWebhookSubscriptions"] = new([]),
        ["GetWebhookSubscription"] = new([], ETag: true),
        ["UpdateWebhookSubscription"] = new([412], RequestHeaders.IfMatchOptional, ETag: true),
        ["DeleteWebhookSubscription"] = new([]),
        ["RotateWebhookSecret"] = new([412], ETag: true),
        ["PingWebhookSubscription"] = new([]),
        ["ListWebhookDeliveries"] = new([]),
        ["GetWebhookDelivery"] = new([]),
        ["RedeliverWebhookDelivery"] = new([409]),

        ["CreateApiKey"] = new([], Location: true),
        ["ListApiKeys"] = new([]),
        ["RevokeApiKey"] = new([]),
        ["RotateApiKey"] = new([]),

        ["ListAuditEntries"] = new([]),
        ["VerifyAuditChain"] = new([]),
        ["AnchorAuditChain"] = new([404]),

        ["CheckHealth"] = new([]),

        ["ValidateIdentifier"] = new([]),
        ["RecordConveyance"] = new([409], Location: true),
        ["GetConveyance"] = new([]),
        ["LookupConveyances"] = new([]),
        ["ListConveyanceSeizures"] = new([]),
        ["ListConveyanceCandidates"] = new([]),
        ["JudgeConveyance"] = new([422]),
        ["CreateWatchList"] = new([], Location: true),
        ["ListWatchLists"] = new([]),
        ["GetWatchList"] = new([]),
        ["AddWatchListEntry"] = new([], Location: true),
        ["ListWatchListEntries"] = new([]),
        ["RemoveWatchListEntry"] = new([]),
        ["ListWatchListHits"] = new([]),
        ["Screen"] = new([422], RequestHeaders.IdempotencyKey),
        ["GetScreeningAlgorithm"] = new([]),
        ["GetScreeningDecision"] = new([]),
        ["ReportExamination"] = new([409], Location: true),
        ["SuppressMatch"] = new([422], Location: true),
        ["CreateRule"] = new([], Location: true),
        ["ListRules"] = new([]),
        ["GetRule"] = new([]),
        ["ReplaceRule"] = new([412]),
        ["BacktestRule"] = new([]),
        ["GetRulePerformance"] = new([]),
    };
}
