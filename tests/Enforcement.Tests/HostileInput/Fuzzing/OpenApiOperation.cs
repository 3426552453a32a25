using System.Text.Json.Nodes;

namespace Enforcement.Tests.HostileInput.Fuzzing;

public sealed record OpenApiParameter(string Name, string In, bool Required, JsonObject? Schema);

/// <summary>One operation of the served OpenAPI document, read loosely: a thin document (no schemas) and a rich one
/// (schemas with enums, required members, patterns, $refs) both work.</summary>
public sealed record OpenApiOperation(string Method, string Path, string OperationId, IReadOnlyList<OpenApiParameter> Parameters,
    IReadOnlyDictionary<string, JsonObject?> BodyMediaTypes)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public bool HasBody => BodyMediaTypes.Count > 0;

    public bool TakesJson => BodyMediaTypes.Keys.Any(m => m.Contains("json", StringComparison.OrdinalIgnoreCase));

    public bool TakesUpload => BodyMediaTypes.Keys.Any(m => m.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || m.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));

    public string JsonMediaType => BodyMediaTypes.Keys.FirstOrDefault(m => m.Contains("json", StringComparison.OrdinalIgnoreCase)) ?? "application/json";

    public JsonObject? JsonSchema => TakesJson ? BodyMediaTypes[JsonMediaType] : null;

    public override string ToString() => $"{Method} {Path} ({OperationId})";

    public static IReadOnlyList<OpenApiOperation> Read(JsonObject document)
    {
        var operations = new List<OpenApiOperation>();
        foreach (var (path, item) in document["paths"]?.AsObject() ?? new JsonObject())
        {
            if (item is not JsonObject pathItem)
            {
                continue;
            }

            var shared = ReadParameters(document, pathItem["parameters"]);
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject operation)
                {
                    continue;
                }

                var parameters = shared.Concat(ReadParameters(document, operation["parameters"]))
                    .GroupBy(p => (p.Name, p.In)).Select(g => g.Last()).ToList();
                var bodies = new Dictionary<string, JsonObject?>(StringComparer.OrdinalIgnoreCase);
                if (Resolve(document, operation["requestBody"]) is { } requestBody)
                {
                    foreach (var (mediaType, content) in requestBody["content"]?.AsObject() ?? new JsonObject())
                    {
                        bodies[mediaType] = Resolve(document, content?["schema"]);
                    }
                }

                var id = operation["operationId"]?.GetValue<string>() ?? $"{method.ToUpperInvariant()} {path}";
                operations.Add(new OpenApiOperation(method.ToUpperInvariant(), path, id, parameters, bodies));
            }
        }

        return operations;
    }

    /// <summary>Follows "$ref": "#/components/..." (a few hops at most).</summary>
    public static JsonObject? Resolve(JsonObject document, JsonNode? node)
    {
        for (var hops = 0; hops < 8 && node is JsonObject o && o["$ref"]?.GetValue<string>() is { } reference; hops++)
        {
            node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode?)document, (current, segment) => current?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
        }

        return node as JsonObject;
    }

    /// <summary>The schema's property names with their (resolved) schemas; none when the document has no schema.</summary>
    public static IReadOnlyList<(string Name, JsonObject? Schema)> Properties(JsonObject document, JsonObject? schema)
    {
        var resolved = Resolve(document, schema);
        var properties = resolved?["properties"] as JsonObject;
        if (properties is null && resolved?["allOf"] is JsonArray parts)
        {
            return parts.SelectMany(p => Properties(document, p as JsonObject)).ToList();
        }

        return properties?.Select(p => (p.Key, Resolve(document, p.Value))).ToList() ?? [];
    }

    private static List<OpenApiParameter> ReadParameters(JsonObject document, JsonNode? list) =>
        (list as JsonArray ?? new JsonArray())
            .Select(p => Resolve(document, p))
            .OfType<JsonObject>()
            .Where(p => p["name"] is not null && p["in"] is not null)
            .Select(p => new OpenApiParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false,
                Resolve(document, p["schema"])))
            .ToList();
}
