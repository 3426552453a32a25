using Enforcement.Functions.Http;
using System.Globalization;
using System.Text.Json.Nodes;
using Enforcement.Functions.Photos;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// Every status an operation can return, each error as <c>application/problem+json</c> (<see cref="ProblemSchemas"/>),
/// the response headers it sets (ETag, Location, Retry-After, Idempotent-Replayed, Content-Range) and the request
/// headers it honours (Idempotency-Key, If-Match, If-None-Match, Range).
/// </summary>
internal sealed class OperationResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [400] = "The request is not valid; `errors` names each field by its path (`items[0].quantity`).",
        [401] = "No credentials, or they are not valid (`WWW-Authenticate: Bearer` and `ApiKey`).",
        [403] = "The caller's role (or office) may not do this.",
        [404] = "No such record, or it is outside the caller's scope (the two are not told apart).",
        [409] = "The record's current state does not allow this (see `detail`); for a strong duplicate, `candidates` lists the matches.",
        [410] = "The photo was withdrawn.",
        [412] = "`If-Match` does not match the current ETag: someone else changed the record first. Read it again and retry.",
        [413] = "The body is larger than the server accepts.",
        [415] = "The body's `Content-Type` (or, for photos, its bytes) is not one this operation accepts.",
        [416] = "The `Range` lies outside the content.",
        [422] = "Well-formed but refused: e.g. an `Idempotency-Key` reused with another body, or a change the record's partition cannot take.",
        [428] = "`If-Match` is required: send the ETag you read.",
        [429] = "Too many requests from this caller; retry after `Retry-After` seconds.",
        [500] = "An unexpected error; nothing is reported beyond this.",
        [503] = "A dependency (storage or the audit trail) is unavailable; nothing was changed. Retry later.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        var facts = operation.OperationId is { } id && OperationFacts.ById.TryGetValue(id, out var known) ? known : new OperationFacts([]);
        var responses = operation.Responses ??= [];
        var parameters = operation.Parameters ??= [];
        var document = context.Document;

        ParameterConstraints.Apply(operation, context);
        operation.Summary ??= Humanize(operation.OperationId);
        AddRequestHeaders(operation, facts.Headers);

        var statuses = new SortedSet<int>(facts.Problems) { 429, 500 };
        if (!anonymous)
        {
            statuses.UnionWith([401, 403, 503]);
        }

        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path))
        {
            statuses.Add(404);
        }

        if (operation.RequestBody is not null || metadata.OfType<IAcceptsMetadata>().Any())
        {
            statuses.UnionWith([400, 413, 415]);
        }

        if (parameters.Any(p => p.In is ParameterLocation.Query) || facts.Headers.HasFlag(RequestHeaders.IdempotencyKey) || responses.ContainsKey("400"))
        {
            statuses.Add(400);
        }

        if (facts.Headers.HasFlag(RequestHeaders.IfMatchRequired))
        {
            statuses.UnionWith([412, 428]);
        }

        foreach (var status in statuses)
        {
            var code = status.ToString(CultureInfo.InvariantCulture);
            var response = new OpenApiResponse
            {
                Description = ProblemDescriptions[status],
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(status is 400 or 422 ? ProblemSchemas.ValidationProblem : ProblemSchemas.Problem, document),
                    },
                },
            };
            if (status is 429 || (status is 409 && operation.OperationId == "GetPhotoContent"))
            {
                response.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = Header("Seconds to wait before retrying.", Integer(1, 86_400)) };
            }

            if (status is 401)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader> { ["WWW-Authenticate"] = Header("The schemes the API accepts: Bearer and ApiKey.", Text(256)) };
            }

            responses[code] = response;
        }

        AddSuccessHeaders(operation, facts);
        if (facts.Headers.HasFlag(RequestHeaders.IfNoneMatch))
        {
            responses["304"] = new OpenApiResponse
            {
                Description = "Not modified: `If-None-Match` matches the current ETag.",
                Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = Header("The current ETag.", ETagSchema()) },
            };
        }

        if (operation.OperationId == "GetPhotoContent")
        {
            DescribePhotoContent(operation, context);
        }

        return Task.CompletedTask;
    }

    private static void AddRequestHeaders(OpenApiOperation operation, RequestHeaders headers)
    {
        var parameters = operation.Parameters!;
        if (headers.HasFlag(RequestHeaders.IdempotencyKey))
        {
            parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Description = "A unique key per report (a UUID). A retry with the same key and body returns the same record with `Idempotent-Replayed: true`; the same key with another body is 422.",
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, MaxLength = IdempotencyKey.MaxLength, Pattern = "^[\\x20-\\x7E]+$",
                    Examples = [JsonValue.Create("5f0c2a4e-8d1b-4c3a-9e7f-1a2b3c4d5e6f")],
                },
            });
        }

        if (headers.HasFlag(RequestHeaders.IfMatchRequired) || headers.HasFlag(RequestHeaders.IfMatchOptional))
        {
            var required = headers.HasFlag(RequestHeaders.IfMatchRequired);
            parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = required,
                Description = required
                    ? "The ETag you read. Without it: 428; when the record changed since: 412."
                    : "The ETag you read (optional): when the record changed since, 412.",
                Schema = ETagSchema(),
            });
        }

        if (headers.HasFlag(RequestHeaders.IfNoneMatch))
        {
            parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "An ETag you hold: 304 when it is still current.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 256, Pattern = "^(\\*|(W/)?\"[^\"]*\"(, *(W/)?\"[^\"]*\")*)$" },
            });
        }

        if (headers.HasFlag(RequestHeaders.Range))
        {
            parameters.Add(new OpenApiParameter
            {
                Name = "Range",
                In = ParameterLocation.Header,
                Description = "One byte range (`bytes=0-1023`, `bytes=1024-`, `bytes=-500`): 206 with that part, 416 outside the content.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^bytes=([0-9]+-[0-9]*|-[0-9]+)$" },
            });
        }
    }

    private static void AddSuccessHeaders(OpenApiOperation operation, OperationFacts facts)
    {
        foreach (var (code, response) in operation.Responses!)
        {
            if (!code.StartsWith('2') || response is not OpenApiResponse success)
            {
                continue;
            }

            var headers = success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (facts.ETag && code is "200" or "201" or "206")
            {
                headers["ETag"] = Header("The record's current version, for If-Match and If-None-Match.", ETagSchema());
            }

            if (facts.Location && code is "201" or "202")
            {
                headers["Location"] = Header("Where the new record is read.", new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 256 });
            }

            if (facts.Headers.HasFlag(RequestHeaders.IdempotencyKey))
            {
                headers["Idempotent-Replayed"] = Header("`true` when this answers a retry of an earlier request with the same Idempotency-Key.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] });
            }
        }
    }

    private static void DescribePhotoContent(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var maxBytes = context.ApplicationServices.GetRequiredService<IOptions<PhotoOptions>>().Value.MaxBytes;
        Dictionary<string, OpenApiMediaType> Images() => new()
        {
            ["image/jpeg"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)Math.Min(maxBytes, int.MaxValue) } },
            ["image/png"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)Math.Min(maxBytes, int.MaxValue) } },
        };

        Dictionary<string, IOpenApiHeader> Headers(bool partial)
        {
            var headers = new Dictionary<string, IOpenApiHeader>
            {
                ["ETag"] = Header("The stored bytes' ETag.", new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 256 }),
                ["Last-Modified"] = Header("When the bytes were stored.", Text(64)),
                ["Accept-Ranges"] = Header("Byte ranges are served.", new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("bytes")] }),
                ["Repr-Digest"] = Header("Original only: `sha-256=:<base64>:` of the whole representation (RFC 9530), also on a 206.", Text(128)),
            };
            if (partial)
            {
                headers["Content-Range"] = Header("The part sent: `bytes first-last/size`.", new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^bytes [0-9]+-[0-9]+/[0-9]+$" });
            }

            return headers;
        }

        operation.Responses!["200"] = new OpenApiResponse { Description = "The bytes, as an attachment.", Content = Images(), Headers = Headers(false) };
        operation.Responses["206"] = new OpenApiResponse { Description = "The requested byte range.", Content = Images(), Headers = Headers(true) };
    }

    /// <summary>"CheckHealth" → "Check health", for an endpoint registered without a summary.</summary>
    private static string? Humanize(string? operationId) => operationId is null
        ? null
        : string.Concat(operationId.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static OpenApiHeader Header(string description, OpenApiSchema schema) => new() { Description = description, Schema = schema };

    public static OpenApiSchema ETagSchema() => new() { Type = JsonSchemaType.String, MaxLength = 256, Pattern = "^(W/)?\"[^\"]*\"$", Examples = [JsonValue.Create("\"3\"")] };

    private static OpenApiSchema Text(int maxLength) => new() { Type = JsonSchemaType.String, MaxLength = maxLength };

    private static OpenApiSchema Integer(int minimum, int maximum) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
    };
}
