using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// Examples for the operations that have no hand-written one, built from their schemas: the value a schema gives as
/// its example, else its first enum value, else a canonical value of its format or type within its bounds. A string
/// with a pattern and no example of its own is left out (a made-up value might not match), and an object whose
/// required member cannot be filled gets no example at all, so every generated example is valid against its schema.
/// </summary>
internal static class SchemaExamples
{
    private const int MaxDepth = 8;

    /// <summary>A valid value for each of the contract's patterns (ids, codes and the like).</summary>
    private static readonly Dictionary<string, string> PatternExamples = new(StringComparer.Ordinal)
    {
        [ContractPatterns.SeizureId] = "SZ-202611-01KAQ3J6W2X8Y4Z5AB",
        [ContractPatterns.AnyRecordId] = "SZ-202611-01KAQ3J6W2X8Y4Z5AB",
        [ContractPatterns.SuspectId] = "SU-01KAQ3J6W2X8Y4Z5AB",
        [ContractPatterns.PersonId] = "SU-01KAQ3J6W2X8Y4Z5AB",
        [ContractPatterns.CompanyId] = "CO-01KAQ3J6W2X8Y4Z5AC",
        [ContractPatterns.PhotoId] = "PH-01KAQ3J6W2X8Y4Z5AD",
        [ContractPatterns.UploadId] = "9f86d081884c7d659a2feaa0c55ad015",
        [ContractPatterns.SubscriptionId] = "wh_3kq9x2m7p4t8v6ca",
        [ContractPatterns.DeliveryId] = "msg_01KAQ3J6W2X8Y4Z5ABCD",
        [ContractPatterns.ApiKeyId] = "3kq9x2m7p4t8v6ca",
        [ContractPatterns.ApiKey] = "enf.3kq9x2m7p4t8v6ca.k7Vq2pX9sT4wY8zR1mN6bH3cJ5fL0gD2aE7uW9xQ4tS",
        [ContractPatterns.WebhookSecret] = "whsec_EXAMPLEonly",
        [ContractPatterns.UnLocode] = "PKKHI",
        [ContractPatterns.Office] = "PKKHI-APFT",
        [ContractPatterns.ContainerNumber] = "CSQU3054383",
        [ContractPatterns.ImoNumber] = "9074729",
        ["^[0-9]{7}$"] = "9074729",
        [ContractPatterns.FlightNumber] = "PK301",
        [ContractPatterns.HsCode] = "2403.11",
        [ContractPatterns.Month] = "2026-11",
        [ContractPatterns.Day] = "2026-11-20",
        [ContractPatterns.DateTimeWithOffset] = "2026-11-20T14:30:00+05:00",
        [ContractPatterns.DateOrYear] = "1984-03-07",
        [ContractPatterns.StrongETag] = "\"1\"",
        [ContractPatterns.ContinuationToken] = "eyJwayI6IjIwMjYtMTEifQ",
        [ContractPatterns.Sha256Hex] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        [ContractPatterns.PhoneNumber] = "+923001234567",
    };

    public static void AddTo(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            foreach (var media in JsonMedia(operation.RequestBody?.Content))
            {
                media.Example ??= media.Schema is { } schema ? For(schema, request: true, 0) : null;
            }

            foreach (var (status, response) in (IEnumerable<KeyValuePair<string, IOpenApiResponse>>?)operation.Responses ?? [])
            {
                if (!status.StartsWith('2'))
                {
                    continue;
                }

                foreach (var media in JsonMedia(response.Content))
                {
                    media.Example ??= media.Schema is { } schema ? For(schema, request: false, 0) : null;
                }
            }
        }
    }

    private static IEnumerable<OpenApiMediaType> JsonMedia(IDictionary<string, OpenApiMediaType>? content) =>
        content?.Where(c => c.Key.Contains("json", StringComparison.OrdinalIgnoreCase)).Select(c => c.Value) ?? [];

    /// <summary>An example valid against the schema, or null when none can be made with certainty.</summary>
    private static JsonNode? For(IOpenApiSchema schema, bool request, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (schema.Examples?.FirstOrDefault() is { } example)
        {
            return example.DeepClone();
        }

        if (schema.Enum?.FirstOrDefault(e => e is not null) is { } first)
        {
            return first.DeepClone();
        }

        if ((schema.AllOf ?? schema.OneOf ?? schema.AnyOf)?.FirstOrDefault(s => !Is(s, JsonSchemaType.Null) || s.Type is null) is { } composed)
        {
            return For(composed, request, depth + 1);
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : null);
        if (type is null)
        {
            return null;
        }

        if (type.Value.HasFlag(JsonSchemaType.Object))
        {
            return ObjectFor(schema, request, depth);
        }

        if (type.Value.HasFlag(JsonSchemaType.Array))
        {
            var item = schema.Items is { } items ? For(items, request, depth + 1) : null;
            return item is not null && (schema.MaxItems ?? 1) >= 1 ? new JsonArray(item)
                : (schema.MinItems ?? 0) == 0 ? new JsonArray() : null;
        }

        if (type.Value.HasFlag(JsonSchemaType.String))
        {
            return StringFor(schema);
        }

        if (type.Value.HasFlag(JsonSchemaType.Integer) || type.Value.HasFlag(JsonSchemaType.Number))
        {
            return NumberFor(schema);
        }

        return type.Value.HasFlag(JsonSchemaType.Boolean) ? JsonValue.Create(true) : null;
    }

    private static JsonObject? ObjectFor(IOpenApiSchema schema, bool request, int depth)
    {
        var example = new JsonObject();
        foreach (var (name, property) in (IEnumerable<KeyValuePair<string, IOpenApiSchema>>?)schema.Properties ?? [])
        {
            var required = schema.Required?.Contains(name) == true;
            if ((request && property.ReadOnly) || (!request && property.WriteOnly))
            {
                continue;
            }

            var value = For(property, request, depth + 1);
            if (value is not null)
            {
                example[name] = value;
            }
            else if (required)
            {
                return null;
            }
        }

        return example;
    }

    private static JsonValue? StringFor(IOpenApiSchema schema)
    {
        var value = schema.Format switch
        {
            "date-time" => "2026-11-20T09:41:07+00:00",
            "date" => "2026-11-20",
            "uri" => "https://partner.example.org/enforcement/hooks",
            "uuid" => "5f0c2a4e-8d1b-4c3a-9e7f-1a2b3c4d5e6f",
            _ when schema.Pattern is null || schema.Pattern == Constrain.NoControlCharacters => "example",
            _ => PatternExamples.GetValueOrDefault(schema.Pattern),
        };
        return value is not null && value.Length <= (schema.MaxLength ?? int.MaxValue) && value.Length >= (schema.MinLength ?? 0)
            ? JsonValue.Create(value)
            : null;
    }

    private static JsonValue NumberFor(IOpenApiSchema schema)
    {
        var value = 1m;
        if (Parse(schema.Minimum) is { } minimum)
        {
            value = Math.Max(value, minimum);
        }

        if (Parse(schema.ExclusiveMinimum) is { } above && value <= above)
        {
            value = above + 1;
        }

        if (Parse(schema.Maximum) is { } maximum && value > maximum)
        {
            value = maximum;
        }

        return schema.Type!.Value.HasFlag(JsonSchemaType.Integer) ? JsonValue.Create((long)value) : JsonValue.Create(value);
    }

    private static decimal? Parse(string? number) =>
        decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Is(IOpenApiSchema schema, JsonSchemaType type) => schema.Type is { } t && t == type;
}
