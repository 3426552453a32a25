using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>The one RFC 9457 problem shape every error uses, and its validation form with <c>errors</c> by field path.</summary>
internal static class ProblemSchemas
{
    public const string Problem = "Problem";
    public const string ValidationProblem = "ValidationProblem";
    public const string DuplicateCandidate = "DuplicateCandidate";

    public static void AddTo(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        schemas[Problem] = Build(document, validation: false);
        schemas[ValidationProblem] = Build(document, validation: true);
    }

    private static OpenApiSchema Build(OpenApiDocument document, bool validation)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 2048, Description = "A URI naming the kind of problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 256, Description = "A short summary of the kind of problem." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 4096, Description = "What went wrong this time, for a person." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 2048 },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^[0-9a-f-]+$", Description = "Quote it when reporting the problem." },
        };
        if (validation)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Every violation, keyed by the field's path (`items[0].quantity`, `conveyance.containerNumbers[1]`, `Idempotency-Key`).",
                MaxProperties = 500,
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = 20,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 },
                },
            };
        }
        else
        {
            properties["candidates"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MaxItems = 50,
                Description = "409 on recording or correcting a suspect or company: the existing records it strongly matches.",
                Items = new OpenApiSchemaReference(DuplicateCandidate, document),
            };
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation
                ? "An RFC 9457 problem whose `errors` lists every violation by field path."
                : "An RFC 9457 problem (`application/problem+json`).",
            Required = new HashSet<string>(StringComparer.Ordinal) { "title", "status" },
            Properties = properties,
            Examples =
            [
                validation
                    ? new JsonObject
                    {
                        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1", ["title"] = "The request is not valid", ["status"] = 400,
                        ["detail"] = "See errors for each field.",
                        ["errors"] = new JsonObject { ["items[0].quantity"] = new JsonArray("Must be greater than 0.") },
                    }
                    : new JsonObject
                    {
                        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.5", ["title"] = "Not found", ["status"] = 404,
                        ["detail"] = "No seizure with that id.",
                    },
            ],
        };
    }
}
