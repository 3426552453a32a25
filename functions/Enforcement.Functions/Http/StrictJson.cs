using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Enforcement.Functions.Http;

/// <summary>
/// One pass over a JSON body with <see cref="Utf8JsonReader"/> before anything is built from it. Refused, each with
/// the position or field at fault: invalid UTF-8, strings that do not decode to valid UTF-16 (a lone surrogate such
/// as "\ud800"), the same member twice in one object (RFC 8259 leaves that to the reader; taking either value would
/// let a proxy and this API see different records), anything after the value, nesting deeper than
/// <see cref="MaxDepth"/>, comments, trailing commas, and a top-level value that is not an object.
/// </summary>
internal static class StrictJson
{
    /// <summary>The deepest nesting accepted (our records nest at most four levels).</summary>
    public const int MaxDepth = 32;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static JsonReadResult<JsonObject> ParseObject(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        if (InvalidUtf8At(utf8) is { } offset)
        {
            return Failed("$", string.Create(CultureInfo.InvariantCulture, $"The body is not valid UTF-8 (byte {offset})."));
        }

        if (Check(utf8) is { } problem)
        {
            return problem;
        }

        // Checked above, so parsing cannot meet anything the check did not.
        var node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
        return node is JsonObject body ? JsonReadResult<JsonObject>.Ok(body) : Failed("$", "The body must be a JSON object.");
    }

    private static JsonReadResult<JsonObject>? Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var frames = new List<Frame>();
        try
        {
            if (!reader.Read())
            {
                return Failed("$", "The body is empty: send a JSON object.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Failed("$", "The body must be a JSON object.");
            }

            do
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        if (!TryGetString(ref reader, out var name))
                        {
                            return Failed(Path(frames), $"A member name is not valid text (a lone UTF-16 surrogate?) at {Position(ref reader)}.");
                        }

                        frame.Property = name;
                        if (!frame.Names!.Add(name))
                        {
                            return Failed(Path(frames), "This member appears more than once in its object.");
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }

                // A value: in an array it is the next element.
                if (frames.Count > 0 && frames[^1].Names is null)
                {
                    frames[^1].Index++;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        frames.Add(new Frame { Names = new HashSet<string>(StringComparer.Ordinal) });
                        break;
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame());
                        break;
                    case JsonTokenType.String when !TryGetString(ref reader, out _):
                        return Failed(Path(frames), $"The text is not valid (a lone UTF-16 surrogate such as \\ud800?) at {Position(ref reader)}.");
                }
            }
            while (reader.Read());
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, position {ex.BytePositionInLine + 1}")
                : "an unknown position";
            // A syntax error is the document's (named by its position); too deep a nesting is named by its path.
            return frames.Count >= MaxDepth
                ? Failed(Path(frames), string.Create(CultureInfo.InvariantCulture, $"The body is nested deeper than {MaxDepth} levels ({where})."))
                : Failed("$", $"The body is not valid JSON, or something follows the object ({where}).");
        }

        return null;
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }

    private static int? InvalidUtf8At(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return null;
        }

        var offset = 0;
        while (offset < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static string Position(ref Utf8JsonReader reader) =>
        string.Create(CultureInfo.InvariantCulture, $"byte {reader.TokenStartIndex}");

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.Names is null)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{Math.Max(0, frame.Index)}]");
            }
            else if (frame.Property is not null)
            {
                // A hostile member name is named, but not echoed at length.
                path.Append(path.Length == 0 ? string.Empty : ".").Append(frame.Property.Length > 64 ? frame.Property[..64] + "…" : frame.Property);
            }
        }

        return path.Length == 0 ? "$" : path.ToString();
    }

    private static JsonReadResult<JsonObject> Failed(string field, string error) => JsonReadResult<JsonObject>.Failed(field, error);

    /// <summary>An open object (member names seen so far, the current one) or array (the current index).</summary>
    private sealed class Frame
    {
        public HashSet<string>? Names { get; init; }

        public string? Property { get; set; }

        public int Index { get; set; } = -1;
    }
}
