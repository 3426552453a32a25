using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Enforcement.Tests.HostileInput.Fuzzing;

/// <summary>
/// The corpus: small on purpose (each value stands for a class of failure), so that every operation gets all of it
/// within the CI budget. Lone surrogates, invalid UTF-8, duplicate keys, trailing data, excessive depth, numbers
/// outside every type, wrong types, oversized strings and arrays, naughty strings, wrong content types.
/// </summary>
public static class HostileValues
{
    /// <summary>Already percent-encoded, for path and query parameters.</summary>
    public static readonly IReadOnlyList<(string Name, string Encoded)> UrlValues =
    [
        ("nul", "%00"),
        ("invalid-utf8", "%C3%28"),
        ("surrogate-as-utf8", "%ED%A0%80"),
        ("bom", "%EF%BB%BF"),
        ("rtl-override", "%E2%80%AE%D9%85"),
        ("traversal", "..%2F..%2Fetc%2Fpasswd"),
        ("sql", "'%20OR%201%3D1--"),
        ("odata", "PartitionKey%20ne%20''"),
        ("script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        ("negative", "-1"),
        ("zero", "0"),
        ("huge-number", "99999999999999999999999999"),
        ("float-overflow", "1e309"),
        ("nan", "NaN"),
        ("wildcard", "*"),
        ("long", new string('a', 4_000)),
        ("emoji", "%F0%9F%98%80"),
        ("base64-token", "eyJwayI6IlBLS0hJIiwicmsiOiJ-In0"),
    ];

    /// <summary>URL values Kestrel refuses in a path before any app code runs (RFC 9112 leaves the answer to the server).</summary>
    public static readonly IReadOnlySet<string> RefusedByServerInPath = new HashSet<string>(StringComparer.Ordinal) { "nul" };

    /// <summary>JSON values for one member of a body.</summary>
    public static readonly IReadOnlyList<(string Name, string Json)> JsonValues =
    [
        ("lone-high-surrogate", "\"\\ud800\""),
        ("lone-low-surrogate", "\"x\\udc00y\""),
        ("empty", "\"\""),
        ("blank", "\"   \""),
        ("nul", "\"a\\u0000b\""),
        ("control", "\"\\u0007\\u001b[31m\""),
        ("script", "\"<script>alert(1)</script>\""),
        ("sql", "\"' OR 1=1 --\""),
        ("rtl-override", "\"\\u202e\\u0645\\u062d\\u0645\\u062f\""),
        ("emoji", "\"😀👨‍👩‍👧\""),
        ("traversal", "\"../../etc/passwd\""),
        ("bad-date", "\"2026-13-45T99:99:99Z\""),
        ("long-string", "\"" + new string('a', 70_000) + "\""),
        ("negative", "-1"),
        ("zero", "0"),
        ("huge-number", "1e400"),
        ("negative-huge-number", "-1e400"),
        ("int64-overflow", "9223372036854775808"),
        ("fraction", "0.000000000000000000000000001"),
        ("true", "true"),
        ("null", "null"),
        ("empty-array", "[]"),
        ("empty-object", "{}"),
        ("string-array", "[\"\\ud800\",\"\"]"),
        ("long-array", "[" + string.Join(',', Enumerable.Repeat("1", 20_000)) + "]"),
        ("nested-object", "{\"a\":{\"b\":{\"c\":[1,{\"d\":\"\\udfff\"}]}}}"),
    ];

    /// <summary>Extra values from what a rich document says of the member: near-miss enum values, over-long and
    /// pattern-breaking strings, numbers just outside their bounds.</summary>
    public static IEnumerable<(string Name, string Json)> FromSchema(JsonObject? schema)
    {
        if (schema is null)
        {
            yield break;
        }

        if (schema["enum"] is JsonArray { Count: > 0 } values && values[0]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var first = values[0]!.GetValue<string>();
            yield return ("enum-upper", Quote(first.ToUpperInvariant() + "X"));
            yield return ("enum-padded", Quote(" " + first + " "));
        }

        if (schema["maxLength"]?.GetValue<int>() is { } maxLength and < 100_000)
        {
            yield return ("over-max-length", Quote(new string('a', maxLength + 1)));
        }

        if (schema["pattern"] is not null)
        {
            yield return ("pattern-breaker", Quote("!@#$%^&*()"));
        }

        if (schema["maximum"]?.GetValue<double>() is { } maximum)
        {
            yield return ("over-maximum", (maximum + 1).ToString("R", CultureInfo.InvariantCulture));
        }

        if (schema["minimum"]?.GetValue<double>() is { } minimum)
        {
            yield return ("under-minimum", (minimum - 1).ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Whole bodies sent with the operation's JSON media type; {0} is a member name of the body.</summary>
    public static IEnumerable<(string Name, byte[] Body)> JsonBodies(string member)
    {
        yield return ("invalid-utf8", [.. Encoding.UTF8.GetBytes($"{{\"{member}\":\"ab"), 0xC3, 0x28, .. "\"}"u8]);
        yield return ("surrogate-in-name", Encoding.UTF8.GetBytes("{\"\\ud800\":1}"));
        yield return ("duplicate-keys", Encoding.UTF8.GetBytes($"{{\"{member}\":\"a\",\"{member}\":\"b\"}}"));
        yield return ("trailing-data", "{} {}"u8.ToArray());
        yield return ("trailing-garbage", "{}x"u8.ToArray());
        yield return ("deep", Encoding.UTF8.GetBytes($"{{\"{member}\":" + new string('[', 200) + new string(']', 200) + "}"));
        yield return ("top-level-array", "[]"u8.ToArray());
        yield return ("top-level-string", "\"x\""u8.ToArray());
        yield return ("top-level-number", "1"u8.ToArray());
        yield return ("top-level-null", "null"u8.ToArray());
        yield return ("empty", []);
        yield return ("truncated", Encoding.UTF8.GetBytes($"{{\"{member}\":\"abc"));
        yield return ("comment", Encoding.UTF8.GetBytes($"{{/*x*/\"{member}\":1}}"));
        yield return ("single-quotes", Encoding.UTF8.GetBytes($"{{'{member}':1}}"));
        yield return ("over-size-limit", Encoding.UTF8.GetBytes($"{{\"{member}\":\"" + new string('a', 300_000) + "\"}"));
        yield return ("utf16", Encoding.Unicode.GetBytes($"{{\"{member}\":1}}"));
    }

    /// <summary>Content types a JSON endpoint must refuse with 415 (or, for a missing one, 415 or 400).</summary>
    public static readonly IReadOnlyList<string?> WrongContentTypes = ["text/plain", "application/xml", "multipart/form-data; boundary=x", null, "application/json-patch+json"];

    /// <summary>Header values, each refused with a 400 or 401 problem (or, where the header does not apply, ignored).</summary>
    public static readonly IReadOnlyList<(string Header, string Value)> Headers =
    [
        ("If-Match", "garbage"),
        ("If-Match", "\"1\" \"2\""),
        ("If-None-Match", "W/"),
        ("If-None-Match", "\"1"),
        ("Idempotency-Key", new string('k', 300)),
        ("Idempotency-Key", "a\tb"),
        ("Range", "bytes=abc"),
        ("Range", "bytes=99999999999999999999999-"),
    ];

    /// <summary>Authorization values that must end in 401.</summary>
    public static readonly IReadOnlyList<string> Authorizations = ["Bearer !!!", "ApiKey enf_x.y", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."];

    public static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
