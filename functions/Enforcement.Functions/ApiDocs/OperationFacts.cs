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

        ["CreateImportJob"] = new([], Location: true),
        ["GetImportJob"] = new([]),
        ["CompleteImportUpload"] = new([409, 413]),
        ["StartImportJob"] = new([409], Location: true),
        ["CancelImportJob"] = new([409]),
        ["GetImportFailedRows"] = new([409]),
        ["GetImportCreatedIds"] = new([409]),

        ["GetStatistics"] = new([404]),
        ["GetTopChart"] = new([404]),
        ["GetTrendChart"] = new([404]),
        ["GetMonthlyReport"] = new([404]),
        ["ExportStatistics"] = new([404]),
        ["OpenCase"] = new([422], ETag: true, Location: true),
        ["ListCasesOfRecord"] = new([]),
        ["GetCase"] = new([], ETag: true),
        ["ChangeStatus"] = new([409], ETag: true),
        ["ChangeStage"] = new([409, 422], ETag: true),
        ["AssignCase"] = new([], ETag: true),
        ["UploadCaseDocument"] = new([], Location: true),
        ["ListCaseDocuments"] = new([]),
        ["GetCaseDocumentContent"] = new([]),
        ["AddJournalEntry"] = new([422], Location: true),
        ["ListJournal"] = new([]),
        ["EditJournalEntry"] = new([409]),
        ["DeleteJournalEntry"] = new([409]),
        ["GetTimeline"] = new([]),
        ["AddCaseTask"] = new([], Location: true),
        ["ListCaseTasks"] = new([]),
        ["UpdateCaseTask"] = new([]),
        ["LinkRecordToCase"] = new([422], Location: true),
        ["ListCaseLinks"] = new([]),
        ["UnlinkRecordFromCase"] = new([]),
        ["GetCaseNetwork"] = new([]),
        ["RequestCaseBundle"] = new([], Location: true),
        ["GetCaseBundle"] = new([]),
        ["DownloadCaseBundle"] = new([]),
        ["DownloadCaseBundleSignature"] = new([]),
        ["GetBundleSigningKey"] = new([]),
        ["VerifyCaseBundle"] = new([]),
        ["GetCaseMetrics"] = new([]),
        ["AddExhibit"] = new([422], Location: true),
        ["ListExhibits"] = new([]),
        ["GetExhibit"] = new([]),
        ["RecordCustodyEvent"] = new([409, 422], Location: true),
        ["GetCustodyChain"] = new([]),
        ["SetLegalHold"] = new([]),
        ["PublishAlert"] = new([422], RequestHeaders.IdempotencyKey, Location: true),
        ["ListAlerts"] = new([]),
        ["GetAlert"] = new([]),
        ["MarkAlertsRead"] = new([]),
        ["AcknowledgeAlert"] = new([422]),
        ["GetAlertReceipt"] = new([]),

        ["CreateGroup"] = new([], Location: true),
        ["ListGroups"] = new([]),
        ["GetGroup"] = new([]),
        ["DeleteGroup"] = new([]),
        ["AddGroupMember"] = new([409]),
        ["RemoveGroupMember"] = new([409]),
        ["RequestToJoinGroup"] = new([409]),
        ["GetOperationReport"] = new([]),
        ["SendGroupMessage"] = new([409, 422], Location: true),
        ["ListGroupMessages"] = new([]),
        ["MarkGroupRead"] = new([]),
        ["AcknowledgeGroupMessage"] = new([422]),
        ["GetGroupMessageReceipt"] = new([]),

        ["GetInbox"] = new([]),
    };
}
