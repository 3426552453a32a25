using Enforcement.Functions.Http;
using System.Globalization;
using System.Text.Json.Nodes;
using Enforcement.Functions.Photos;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// Path and query parameters as the handlers check them. Handlers bind every query value as a string so that a bad
/// value is a 400 naming the parameter; on the wire the document states the real type (a limit is an integer).
/// </summary>
internal static class ParameterConstraints
{
    /// <summary>The largest page each listing serves, by operation.</summary>
    private static readonly Dictionary<string, int> PageLimits = new(StringComparer.Ordinal)
    {
        ["ListSeizures"] = PageRequest.MaxSize,
        ["ListSuspectSeizures"] = PageRequest.MaxSize,
        ["ListCompanySeizures"] = PageRequest.MaxSize,
        ["SearchSuspects"] = Suspects.SuspectEndpoints.MaxLimit,
        ["SearchCompanies"] = Suspects.SuspectEndpoints.MaxLimit,
        ["ListWebhookSubscriptions"] = PageRequest.MaxSize,
        ["ListWebhookDeliveries"] = PageRequest.MaxSize,
        ["ListAuditEntries"] = Audit.AuditEndpoints.MaxPageSize,
        ["ListDuplicateReviews"] = PageRequest.MaxSize,
        ["ListJournal"] = PageRequest.MaxSize,
        ["GetTimeline"] = PageRequest.MaxSize,
        ["ListAlerts"] = Alerts.AlertEndpoints.MaxPageSize,
        ["ListGroups"] = Groups.GroupEndpoints.MaxPageSize,
        ["ListGroupMessages"] = Groups.GroupEndpoints.MaxPageSize,
        ["GetInbox"] = Inbox.InboxOptions.MaxPageSize,
        ["ListWatchListEntries"] = PageRequest.MaxSize,
        ["ListWatchListHits"] = PageRequest.MaxSize,
    };

    public static void Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var parameters = operation.Parameters ??= [];
        var route = "/" + (context.Description.RelativePath ?? string.Empty).TrimStart('/');
        foreach (var parameter in parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In is ParameterLocation.Path)
            {
                parameter.Required = true;
                parameter.Schema = Schema(PathConstraint(route, parameter.Name!));
            }
            else if (parameter.In is ParameterLocation.Query)
            {
                parameter.Schema = QuerySchema(operation.OperationId ?? string.Empty, parameter.Name!);
            }
        }

        if (operation.OperationId == "AddPhoto")
        {
            var captionLength = context.ApplicationServices.GetRequiredService<IOptions<PhotoOptions>>().Value.MaxCaptionLength;
            parameters.Add(Query(PhotoBody.CaptionField, "For a raw image body: a caption (multipart bodies send it as a part).", Constrain.Text(captionLength)));
            parameters.Add(Query("takenAt", "For a raw image body: when the photo was taken, with its offset.",
                Constrain.Pattern(ContractPatterns.DateTimeWithOffset, Constrain.DateTimeLength)));
        }
    }

    private static OpenApiParameter Query(string name, string description, SchemaConstraint constraint) => new()
    {
        Name = name, In = ParameterLocation.Query, Description = description, Schema = Schema(constraint),
    };

    private static OpenApiSchema Schema(SchemaConstraint constraint, JsonSchemaType type = JsonSchemaType.String)
    {
        var schema = new OpenApiSchema { Type = type };
        constraint(schema);
        return schema;
    }

    private static SchemaConstraint PathConstraint(string route, string name) =>
        CaseContractConstraints.Path(route, name) ?? TargetingContractConstraints.Path(route, name) ?? name switch
    {
        "id" when route.StartsWith("/api/seizures/", StringComparison.Ordinal) => ContractConstraints.SeizureId,
        "id" when route.StartsWith("/api/suspects/", StringComparison.Ordinal) => Constrain.Pattern(ContractPatterns.SuspectId, 21),
        "id" when route.StartsWith("/api/companies/", StringComparison.Ordinal) => Constrain.Pattern(ContractPatterns.CompanyId, 21),
        "id" when route.StartsWith("/api/webhooks/", StringComparison.Ordinal) => Constrain.Pattern(ContractPatterns.SubscriptionId, 19),
        "id" when route.StartsWith("/api/admin/api-keys/", StringComparison.Ordinal) => Constrain.Pattern(ContractPatterns.ApiKeyId, 16),
        "id" when route.StartsWith("/api/imports/", StringComparison.Ordinal) => ContractConstraints.ImportJobId,
        "month" when route.StartsWith("/api/statistics/", StringComparison.Ordinal) => ContractConstraints.Month,
        "id" when route.StartsWith("/api/alerts/", StringComparison.Ordinal) => ContractConstraints.AlertId,
        "id" when route.StartsWith("/api/groups/", StringComparison.Ordinal) => ContractConstraints.GroupId,
        "member" => Constrain.Pattern(ContractPatterns.GroupMember, 263, "office:PKKHI"),
        "clientMessageId" => Constrain.Pattern(ContractPatterns.ClientMessageId, 64, "9b2f4c1e-5d7a-4e0b-8f3c-2a6d1e9b7c40"),
        "messageId" => ContractConstraints.MessageId,
        "photoId" => Constrain.Pattern(ContractPatterns.PhotoId, 21),
        "uploadId" => Constrain.Pattern(ContractPatterns.UploadId, 32),
        "deliveryId" => Constrain.Pattern(ContractPatterns.DeliveryId, 24),
        "targetId" => ContractConstraints.PersonId,
        "month" => ContractConstraints.Month,
        _ => _ => { }, // left unconstrained: the endpoint contract test names it
    };

    private static OpenApiSchema QuerySchema(string operationId, string name) => TargetingContractConstraints.Query(operationId, name) is { } targeting
        ? Schema(targeting)
        : name switch
    {
        "limit" when PageLimits.TryGetValue(operationId, out var max) => Integer(1, max),
        "depth" => Integer(1, Links.NetworkEndpoints.MaxDepth),
        "birthYear" => Integer(1900, 2200),
        "wait" => Integer(0, Inbox.InboxOptions.MaxWaitSeconds),
        "after" when operationId is "GetInbox" or "ListGroupMessages" => Schema(ContractConstraints.MessageId),
        "allowDuplicate" => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        "top" => Integer(1, Statistics.StatisticsEndpoints.MaxTop),
        "months" => Integer(2, Statistics.StatisticsEndpoints.MaxTrendMonths),
        "scope" when operationId is "GetStatistics" or "GetTopChart" or "GetTrendChart" or "GetTopChartPng" or "GetTrendChartPng" or "GetMonthlyReport" or "ExportStatistics" => Schema(ContractConstraints.StatisticsScope),
        "period" or "from" or "to" => Schema(ContractConstraints.StatisticsPeriodValue),
        "until" => Schema(ContractConstraints.Month),
        "dimension" => Schema(ContractConstraints.StatisticsDimension),
        "value" => Schema(Constrain.Text(64)),
        _ => Schema(CaseContractConstraints.Query(name) ?? name switch
        {
            "month" => ContractConstraints.Month,
            "date" => ContractConstraints.Day,
            "category" => ContractConstraints.Category,
            "office" => ContractConstraints.Office,
            "country" => ContractConstraints.Country,
            "continuationToken" => ContractConstraints.Token,
            "document" => Constrain.Pattern("^[A-Za-z0-9][A-Za-z0-9 /.<-]{2,39}$", 40),
            "registration" => Constrain.Pattern("^[A-Za-z0-9][A-Za-z0-9 /.-]{2,39}$", 40),
            "name" => Constrain.Text(Companies.CompanyValidator.MaxNameLength),
            "suspect" => Constrain.Pattern(ContractPatterns.SuspectId, 21),
            "company" => Constrain.Pattern(ContractPatterns.CompanyId, 21),
            "seizure" => ContractConstraints.SeizureId,
            "variant" => Constrain.Code(PhotoEndpoints.Variants),
            "scope" => ContractConstraints.FeedScope,
            "format" => Constrain.Code(["json", "csv"]),
            "chart" => Constrain.Code(Feeds.FeedSummaryCharts.Charts),
            "owner" => ContractConstraints.Subject,
            "kind" => ContractConstraints.PersonKindCode,
            _ => _ => { }, // left unconstrained: the endpoint contract test names it
        }),
    };

    private static OpenApiSchema Integer(int minimum, int maximum) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
        Examples = [JsonValue.Create(minimum)],
    };
}
