using Enforcement.Functions.Hosting;
using System.Text.Json.Nodes;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// The document as a whole: info, the server it was served from (without a trailing slash), the two security
/// schemes, tag descriptions, the shared problem schemas, the photo upload body, examples and the webhooks section.
/// Also states optional response fields as omitted rather than null: the server never writes nulls.
/// </summary>
internal sealed class ApiDocumentTransformer(IOptions<ApiDocsOptions> options, IOptions<PhotoOptions> photoOptions) : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Seizures"] = "The seizure database: record (idempotent), read, list a month, correct with If-Match, history.",
        ["Suspects"] = "Natural persons linked to seizures; personal data, every read audited.",
        ["Companies"] = "Legal persons linked to seizures.",
        ["Links"] = "Links between seizures and suspects or companies, and the network around a record.",
        ["Photos"] = "Concealment photos: originals kept as evidence, sanitized copies and thumbnails for everyone else.",
        ["Feeds"] = "The monthly non-nominal intelligence feed for RILOs.",
        ["Webhooks"] = "Partner subscriptions to signed event deliveries (Standard Webhooks); the events are in `webhooks`.",
        ["API keys"] = "Keys for organisations outside the national identity tenant (RILOs, partners).",
        ["Audit"] = "The hash-chained audit trail.",
        ["Health"] = "State of the storage the API depends on.",
    };

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        document.Info = new OpenApiInfo
        {
            Title = "Enforcement API",
            Version = "v1",
            Description = "Customs enforcement records: seizures recorded from officers' mobile apps, linked suspects and companies, concealment " +
                          "photos, the monthly RILO intelligence feed and signed partner webhooks. Every error is an RFC 9457 problem.",
            Contact = new OpenApiContact { Name = settings.ContactName, Email = settings.ContactEmail, Url = settings.ContactUrl },
            License = new OpenApiLicense { Name = settings.LicenseName, Identifier = settings.LicenseIdentifier },
        };

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
            server.Description = "This deployment (local, test, staging or production): the host that served this document.";
            server.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            server.Extensions["x-internal"] = new JsonNodeExtension(JsonValue.Create(false));
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [OperationSecurityTransformer.Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the national identity provider (Microsoft Entra ID), validated as RFC8725 advises (signature, issuer, audience, lifetime), with the `role` (or `roles`) claim and `office` or `region` where the role needs it.",
            },
            [OperationSecurityTransformer.ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Authorization",
                Description = "For organisations outside the national tenant (RILOs, partners): `Authorization: ApiKey enf.<id>.<secret>`.",
            },
        };

        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.Components.Schemas[ProblemSchemas.DuplicateCandidate] = await context.GetOrCreateSchemaAsync(typeof(DuplicateCandidate), null, cancellationToken);
        ProblemSchemas.AddTo(document);
        await WebhookDocumentation.AddToAsync(document, context, cancellationToken);
        DescribePhotoUpload(document);
        CaseBinaryBodies.Describe(document);
        DescribeHealthOutage(document);
        DescribeMergePatches(document);
        OperationExamples.AddTo(document);
        LimitHistory(document);
        OmitNulls(document);
        SchemaExamples.AddTo(document);
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        document.Components.Schemas.Remove("IFormFile");
    }

    private void DescribePhotoUpload(OpenApiDocument document)
    {
        var maxBytes = (int)Math.Min(photoOptions.Value.MaxBytes, int.MaxValue);
        var captionLength = photoOptions.Value.MaxCaptionLength;
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []).Where(o => o.OperationId == "AddPhoto"))
        {
            OpenApiSchema Image() => new() { Type = JsonSchemaType.String, Format = "binary", MaxLength = maxBytes, Description = "The JPEG or PNG bytes (HEIC is not accepted)." };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["image/jpeg"] = new() { Schema = Image() },
                    ["image/png"] = new() { Schema = Image() },
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string>(StringComparer.Ordinal) { PhotoBody.FileField },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                [PhotoBody.FileField] = Image(),
                                [PhotoBody.CaptionField] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = captionLength, Pattern = Constrain.NoControlCharacters },
                                [PhotoBody.TakenAtField] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Constrain.DateTimeLength, Pattern = ContractPatterns.DateTimeWithOffset },
                            },
                        },
                    },
                },
            };
        }
    }

    /// <summary>Health answers 503 with the same report (not a problem) when a storage service is down.</summary>
    private static void DescribeHealthOutage(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []).Where(o => o.OperationId == "CheckHealth"))
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
            {
                operation.Responses["503"] = new OpenApiResponse { Description = "A storage service (tables, blobs or queues) is unavailable; the report says which.", Content = content };
            }
        }
    }

    /// <summary>A JSON merge patch (RFC 7396) sends only the fields to change: its schema is the record's without <c>required</c>.</summary>
    private static void DescribeMergePatches(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            if (operation.RequestBody?.Content?.TryGetValue(Http.MergePatch.MediaType, out var media) != true
                || media!.Schema is not OpenApiSchemaReference { Reference.Id: { } id })
            {
                continue;
            }

            var name = id + "Patch";
            if (!schemas.ContainsKey(name) && schemas.TryGetValue(id, out var full) && full.CreateShallowCopy() is OpenApiSchema patch)
            {
                patch.Required = new HashSet<string>(StringComparer.Ordinal);
                patch.Description = $"A JSON merge patch (RFC 7396) of {id}: only the fields to change; null removes an optional field.";
                schemas[name] = patch;
            }

            media.Schema = new OpenApiSchemaReference(name, document);
        }
    }

    /// <summary>History row keys carry the version as six digits, so a record has at most 999,999 versions.</summary>
    private static void LimitHistory(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []).Where(o => o.OperationId == "GetSeizureHistory"))
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.Values.FirstOrDefault()?.Schema is OpenApiSchema array)
            {
                array.MaxItems = 999_999;
            }
        }
    }

    /// <summary>Nullable properties become optional ones: responses leave nulls out, and requests may too.</summary>
    private static void OmitNulls(OpenApiDocument document)
    {
        foreach (var schema in document.Components!.Schemas!.Values.OfType<OpenApiSchema>())
        {
            OmitNulls(schema, depth: 0);
        }
    }

    private static void OmitNulls(OpenApiSchema schema, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        if (schema.Items is OpenApiSchema items)
        {
            OmitNulls(items, depth + 1);
        }

        if (schema.Properties is null)
        {
            return;
        }

        {

            foreach (var (name, property) in schema.Properties.ToList())
            {
                if (property is OpenApiSchema { Type: { } type } inline && type.HasFlag(JsonSchemaType.Null))
                {
                    inline.Type = type & ~JsonSchemaType.Null;
                    schema.Required?.Remove(name);
                }
                else if (property is OpenApiSchema { OneOf: { Count: 2 } oneOf } && oneOf.FirstOrDefault(s => s is OpenApiSchemaReference) is { } reference)
                {
                    schema.Properties[name] = reference;
                    schema.Required?.Remove(name);
                }

                if (schema.Properties[name] is OpenApiSchema { Items: OpenApiSchema { Type: { } itemType } item } && itemType.HasFlag(JsonSchemaType.Null))
                {
                    item.Type = itemType & ~JsonSchemaType.Null;
                }

                if (schema.Properties[name] is OpenApiSchema nested)
                {
                    OmitNulls(nested, depth + 1);
                }
            }
        }
    }
}

/// <summary>Who answers for the API and under which licence, as the document states them (ApiDocs:*).</summary>
internal sealed class ApiDocsOptions : IValidatedOptions
{
    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(ContactName) || string.IsNullOrWhiteSpace(LicenseName))
        {
            yield return "ApiDocs:ContactName and ApiDocs:LicenseName must not be empty: the API document names who answers for it and its licence.";
        }

        if (ContactUrl is { IsAbsoluteUri: false })
        {
            yield return "ApiDocs:ContactUrl must be an absolute URL.";
        }
    }

    public const string Section = "ApiDocs";

    public string ContactName { get; set; } = "Enforcement maintainers";

    public string? ContactEmail { get; set; }

    public Uri? ContactUrl { get; set; }

    public string LicenseName { get; set; } = "Licence not yet chosen: set ApiDocs__LicenseName";

    public string? LicenseIdentifier { get; set; }
}
