using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Enforcement.Functions.Http;

/// <summary>
/// The one way request bodies are read as JSON. Every endpoint reads its body here rather than through parameter
/// binding, so that each malformed input becomes a 400 problem naming the field or position (see
/// <see cref="StrictJson"/> for what is refused), and POST and PATCH treat the same input the same way.
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
            MaxDepth = StrictJson.MaxDepth,
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

    /// <summary>Reads the whole body (the endpoint's size limit applies) and checks it strictly; the body must be a
    /// JSON object. Used as is by merge-patch endpoints, and through <see cref="ReadAsync{T}"/> by the others.</summary>
    public static async Task<JsonReadResult<JsonObject>> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Content-Length sizes the buffer only up to a modest size: the header is the client's claim, not a fact.
        using var buffer = new MemoryStream((int)Math.Clamp(request.ContentLength ?? 0, 0, 64 * 1024));
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return StrictJson.ParseObject(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads the body strictly and maps it onto <typeparamref name="T"/>.</summary>
    public static async Task<JsonReadResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadObjectAsync(request, cancellationToken);
        return body.Succeeded ? Deserialize<T>(body.Value!) : JsonReadResult<T>.Failed(body.Field!, body.Error!);
    }

    /// <summary>Maps a checked object (a body, or a stored record with a merge patch applied) onto a contract.</summary>
    public static JsonReadResult<T> Deserialize<T>(JsonObject node)
        where T : class
    {
        try
        {
            var value = node.Deserialize<T>(Options);
            return value is null ? JsonReadResult<T>.Failed("$", "The body must be a JSON object.") : JsonReadResult<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            var field = FieldName(ex.Path);
            var unmapped = ex.Message.Contains("could not be mapped", StringComparison.Ordinal);
            return unmapped
                ? JsonReadResult<T>.Failed(UnmappedField(ex.Message, field), "This field is not part of the record.")
                : JsonReadResult<T>.Failed(field, "The value has the wrong type or format, or a number is out of range for the field.");
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
}

internal sealed record JsonReadResult<T>(T? Value, string? Field, string? Error)
    where T : class
{
    public bool Succeeded => Value is not null;

    public static JsonReadResult<T> Ok(T value) => new(value, null, null);

    public static JsonReadResult<T> Failed(string field, string error) => new(null, field, error);

    public Dictionary<string, string[]> Errors => new() { [Field ?? "$"] = [Error ?? "Invalid body."] };
}
