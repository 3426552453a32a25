using System.Text.Json.Nodes;
using Enforcement.Functions.Events;
using Enforcement.Functions.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// The OpenAPI 3.1 <c>webhooks</c> section: one entry per event type a partner can subscribe to
/// (<see cref="WebhookEventTypes.All"/>), with its envelope, its payload and the Standard Webhooks headers, so that
/// partners can generate receivers as well as clients.
/// </summary>
internal static class WebhookDocumentation
{
    public static async Task AddToAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components!.Schemas!;
        schemas[nameof(PartnerSeizureView)] = await context.GetOrCreateSchemaAsync(typeof(PartnerSeizureView), null, cancellationToken);
        schemas[nameof(NominalSeizureView)] = await context.GetOrCreateSchemaAsync(typeof(NominalSeizureView), null, cancellationToken);
        schemas["RecordPointer"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The record an event is about: photo.ready names `{seizure id}/{photo id}`, feed.published `{scope}/{month}`.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "id", "version" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^[A-Za-z0-9/-]+$" },
                ["version"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "2147483647" },
            },
        };
        schemas["PingData"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(StringComparer.Ordinal) { "subscriptionId" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["subscriptionId"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 19, Pattern = ContractPatterns.SubscriptionId },
            },
        };

        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var eventType in WebhookEventTypes.All)
        {
            IOpenApiSchema data = eventType switch
            {
                _ when WebhookEventTypes.IsSeizureEvent(eventType) => new OpenApiSchema
                {
                    Description = "The record as it was at this version: non-nominal by default; the whole record (`facts`) for a subscription an admin granted nominal scope.",
                    OneOf = [new OpenApiSchemaReference(nameof(PartnerSeizureView), document), new OpenApiSchemaReference(nameof(NominalSeizureView), document)],
                },
                RecordEventTypes.WebhookPing => new OpenApiSchemaReference("PingData", document),
                _ => new OpenApiSchemaReference("RecordPointer", document),
            };
            var operation = new OpenApiOperation
            {
                OperationId = "On" + string.Concat(eventType.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
                Summary = $"{eventType} delivered to a subscribed URL",
                Description = "Sent as a signed POST ([Standard Webhooks](https://www.standardwebhooks.com/)). Verify: base64(HMAC-SHA256(key, " +
                              "\"{webhook-id}.{webhook-timestamp}.{raw body}\")) equals one `v1,` entry of `webhook-signature`, where the key is the " +
                              "base64-decoded part of the secret after `whsec_`, and the timestamp is within 5 minutes. Deduplicate on `webhook-id`.",
                Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                Security = [],
                Parameters =
                [
                    Header("webhook-id", "The delivery id, the same on every attempt: deduplicate on it.", ContractPatterns.DeliveryId, 24),
                    Header("webhook-timestamp", "Unix seconds of this attempt.", "^[0-9]{1,12}$", 12),
                    Header("webhook-signature", "`v1,<base64 signature>` for each active secret, separated by spaces.", "^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$", 512),
                ],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = Envelope(eventType, data), Example = ExampleEnvelope(eventType) },
                    },
                },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Any 2xx acknowledges the delivery; answer quickly and do the work afterwards." },
                    ["410"] = new OpenApiResponse { Description = "Gone: the delivery is dead-lettered and the subscription disabled at once." },
                    ["default"] = new OpenApiResponse { Description = "Anything else, or no answer within 15 s, is retried on the back-off schedule (about 22 hours, 8 attempts)." },
                },
            };
            var pathItem = new OpenApiPathItem();
            pathItem.AddOperation(HttpMethod.Post, operation);
            document.Webhooks[eventType] = pathItem;
        }
    }

    private static OpenApiSchema Envelope(string eventType, IOpenApiSchema data) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(StringComparer.Ordinal) { "id", "type", "timestamp", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 24, Pattern = ContractPatterns.DeliveryId },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(eventType)] },
            ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", MaxLength = Constrain.DateTimeLength },
            ["data"] = data,
        },
    };

    private static OpenApiParameter Header(string name, string description, string pattern, int maxLength) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = pattern, MaxLength = maxLength },
    };

    private static JsonObject ExampleEnvelope(string eventType) => new()
    {
        ["id"] = "msg_ZYBQWQWKAQ2FK15KR921",
        ["type"] = eventType,
        ["timestamp"] = "2026-11-20T09:30:00.000Z",
        ["data"] = eventType switch
        {
            _ when WebhookEventTypes.IsSeizureEvent(eventType) => OperationExamples.PartnerSeizure(),
            RecordEventTypes.WebhookPing => new JsonObject { ["subscriptionId"] = "wh_k3m9x2p7q4r8s5t6" },
            RecordEventTypes.PhotoReady => new JsonObject { ["id"] = "SZ-202611-01KAQ3J6W2X8Y4Z5AB/PH-01KAQ3M1B7C9D2E4FG", ["version"] = 2 },
            _ => new JsonObject { ["id"] = "AP/2026-10", ["version"] = 1 },
        },
    };
}
