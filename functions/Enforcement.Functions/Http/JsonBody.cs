using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Enforcement.Functions.Http;

/// <summary>
/// Reads request bodies ourselves rather than through parameter binding, so that malformed JSON, a wrong type or an
/// unknown field becomes a 400 problem naming the field instead of a bare 400 (or a 500).
/// </summary>
internal static class JsonBody
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    public static bool HasJsonContentType(HttpRequest request, params string[] mediaTypes)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return false;
        }

        var mediaType = request.ContentType.Split(';')[0].Trim();
        return mediaTypes.Any(m => string.Equals(m, mediaType, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<JsonReadResult<JsonNode>> ReadNodeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }, cancellationToken: cancellationToken);
            return node is null
                ? JsonReadResult<JsonNode>.Failed("$", "The body must be a JSON object.")
                : JsonReadResult<JsonNode>.Ok(node);
        }
        catch (JsonException ex)
        {
            return JsonReadResult<JsonNode>.Failed(FieldName(ex.Path), $"The body is not valid JSON ({Describe(ex)}).");
        }
    }

    public static JsonReadResult<T> Deserialize<T>(JsonNode node)
        where T : class
    {
        if (node is not JsonObject)
        {
            return JsonReadResult<T>.Failed("$", "The body must be a JSON object.");
        }

        try
        {
            var value = node.Deserialize<T>(Options);
            return value is null ? JsonReadResult<T>.Failed("$", "The body must be a JSON object.") : JsonReadResult<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            var field = FieldName(ex.Path);
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "This field is not part of the record."
                : "The value has the wrong type or format.";
            if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                field = UnmappedField(ex.Message, field);
            }

            return JsonReadResult<T>.Failed(field, message);
        }
    }

    /// <summary>"$.items[0].quantity" → "items[0].quantity".</summary>
    public static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string UnmappedField(string message, string path)
    {
        // The serializer names the unknown property in its message: "The JSON property 'x' could not be mapped ...".
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (start < 0 || end < 0)
        {
            return path;
        }

        var property = message[(start + 1)..end];
        if (path == "$")
        {
            return property;
        }

        return path == property || path.EndsWith("." + property, StringComparison.Ordinal) ? path : $"{path}.{property}";
    }

    private static string Describe(JsonException ex) =>
        ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "unreadable";
}

internal sealed record JsonReadResult<T>(T? Value, string? Field, string? Error)
    where T : class
{
    public bool Succeeded => Value is not null;

    public static JsonReadResult<T> Ok(T value) => new(value, null, null);

    public static JsonReadResult<T> Failed(string field, string error) => new(null, field, error);

    public Dictionary<string, string[]> Errors => new() { [Field ?? "$"] = [Error ?? "Invalid body."] };
}
