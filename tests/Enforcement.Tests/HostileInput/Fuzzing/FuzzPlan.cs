using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.HostileInput.Fuzzing;

/// <summary>One hostile request. <paramref name="Marker"/>, when set, is a unique text inside the body: if it is ever
/// found in storage, the request that carried it must have been accepted.</summary>
public sealed record FuzzRequest(OpenApiOperation Operation, string Caller, string Kind, string Method, string Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType, string? Marker, bool ExpectUnauthorized)
{
    /// <summary>Kestrel itself refuses some request targets (a NUL byte) with a bare 400 before the app runs.</summary>
    public bool ServerMayRefuse { get; init; }

    public override string ToString() => $"{Operation.OperationId} [{Kind}] {Method} {(Url.Length > 160 ? Url[..160] + "…" : Url)}";
}

/// <summary>Records the plan aims at, so that hostile values meet the code behind the lookups too.</summary>
public sealed record FuzzTargets(string SeizureId, string SuspectId, string CompanyId);

/// <summary>
/// Builds the requests for every operation: each parameter with each hostile URL value, each body member with each
/// hostile JSON value (members from the document's schema when it has one, else from a valid sample), whole broken
/// bodies, wrong content types, malformed headers and credentials. Everything else in a request stays valid, so
/// that the hostile part is what the app meets.
/// </summary>
public sealed class FuzzPlan(JsonObject document, FuzzTargets targets)
{
    public const string MarkerPlaceholder = "@@marker@@";

    /// <summary>If-Match value the fuzzer replaces with the record's current ETag, read just before sending.</summary>
    public const string CurrentETag = "@@etag@@";
    private const string FieldPlaceholder = "@@field@@";
    private static readonly string Month = SeizureSamples.Month;

    private static readonly string[] MarkerFields = ["narrative", "notes", "description", "reason", "caption", "name"];

    private int _markers;

    public IEnumerable<FuzzRequest> For(OpenApiOperation operation, string caller)
    {
        var baseBody = BaseBody(operation);
        var markerField = baseBody is null ? null : MarkerFields.FirstOrDefault(baseBody.ContainsKey);

        yield return Json(operation, caller, "baseline", Url(operation), baseBody, markerField, null, null);

        foreach (var parameter in operation.Parameters.Where(p => p.In is "path" or "query"))
        {
            foreach (var (name, encoded) in HostileValues.UrlValues)
            {
                yield return Json(operation, caller, $"{parameter.In}:{parameter.Name}={name}", Url(operation, parameter.Name, encoded), baseBody, markerField, null, null)
                    with { ServerMayRefuse = parameter.In == "path" && HostileValues.RefusedByServerInPath.Contains(name) };
            }
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "header"))
        {
            foreach (var (name, encoded) in HostileValues.UrlValues.Where(v => v.Encoded.All(c => c is >= ' ' and <= '~')))
            {
                yield return Json(operation, caller, $"header:{parameter.Name}={name}", Url(operation), baseBody, markerField, [new(parameter.Name, encoded)], null);
            }
        }

        foreach (var (header, value) in HostileValues.Headers)
        {
            yield return Json(operation, caller, $"header:{header}", Url(operation), baseBody, markerField, [new(header, value)], null);
        }

        foreach (var authorization in HostileValues.Authorizations)
        {
            yield return Json(operation, FuzzCallers.Anonymous, "authorization", Url(operation), baseBody, markerField, [new("Authorization", authorization)], null)
                with { ExpectUnauthorized = operation.Path != "/api/health" && !operation.Path.StartsWith("/api/openapi", StringComparison.Ordinal) };
        }

        if (operation.TakesJson && baseBody is not null)
        {
            var fields = OpenApiOperation.Properties(document, operation.JsonSchema).ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal);
            foreach (var key in baseBody.Select(p => p.Key).Where(k => !fields.ContainsKey(k)).ToList())
            {
                fields[key] = null;
            }

            foreach (var (field, schema) in fields)
            {
                foreach (var (name, json) in HostileValues.JsonValues.Concat(HostileValues.FromSchema(schema)))
                {
                    yield return Json(operation, caller, $"body:{field}={name}", Url(operation), baseBody, field == markerField ? null : markerField, null, (field, json));
                }
            }

            var member = fields.Keys.FirstOrDefault() ?? "a";
            foreach (var (name, bytes) in HostileValues.JsonBodies(member))
            {
                yield return Raw(operation, caller, $"raw:{name}", Url(operation), bytes, operation.JsonMediaType);
            }

            foreach (var contentType in HostileValues.WrongContentTypes)
            {
                var request = Json(operation, caller, $"content-type:{contentType ?? "none"}", Url(operation), baseBody, markerField, null, null);
                yield return request with { ContentType = contentType };
            }
        }

        if (operation.TakesUpload)
        {
            foreach (var request in Uploads(operation, caller))
            {
                yield return request;
            }
        }
    }

    private IEnumerable<FuzzRequest> Uploads(OpenApiOperation operation, string caller)
    {
        var jpeg = Photos.TestPhotos.Jpeg(64, 48);
        FuzzRequest Image(string kind, string contentType, byte[] bytes)
        {
            var marker = NextMarker();
            return new FuzzRequest(operation, caller, kind, operation.Method, Url(operation) + "?caption=" + marker, [], bytes, contentType, marker, false);
        }

        FuzzRequest Multipart(string kind, string boundaryParameter, Func<string, string, byte[]> body)
        {
            var marker = NextMarker();
            return new FuzzRequest(operation, caller, kind, operation.Method, Url(operation), [], body("b0", marker), "multipart/form-data" + boundaryParameter, marker, false);
        }

        static byte[] Part(string boundary, string disposition, string? contentType, byte[] content) =>
            [.. Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: {disposition}\r\n{(contentType is null ? "" : $"Content-Type: {contentType}\r\n")}\r\n"), .. content, .. "\r\n"u8];

        static byte[] End(string boundary) => Encoding.ASCII.GetBytes($"--{boundary}--\r\n");

        byte[] File(string boundary) => Part(boundary, "form-data; name=\"file\"; filename=\"p.jpg\"", "image/jpeg", jpeg);

        byte[] Caption(string boundary, string marker) => Part(boundary, "form-data; name=\"caption\"", null, Encoding.UTF8.GetBytes(marker));

        yield return Image("upload:valid-jpeg", "image/jpeg", jpeg);
        yield return Image("upload:not-an-image", "image/jpeg", Photos.TestPhotos.NotAnImage());
        yield return Image("upload:empty", "image/jpeg", []);
        yield return Image("upload:truncated-jpeg", "image/jpeg", Photos.TestPhotos.Truncated(jpeg));
        yield return Image("upload:png-signature-only", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        yield return Image("upload:octet-stream", "application/octet-stream", jpeg);
        yield return Image("upload:json", "application/json", "{}"u8.ToArray());
        yield return Image("upload:too-large", "image/jpeg", new byte[(1024 * 1024) + 70_000]);
        yield return Multipart("multipart:valid", "; boundary=b0", (b, m) => [.. File(b), .. Caption(b, m), .. End(b)]);
        yield return Multipart("multipart:no-boundary", "", (b, m) => [.. File(b), .. Caption(b, m), .. End(b)]);
        yield return Multipart("multipart:wrong-boundary", "; boundary=zz", (b, m) => [.. File(b), .. Caption(b, m), .. End(b)]);
        yield return Multipart("multipart:huge-boundary", "; boundary=" + new string('b', 300), (b, m) => [.. File(b), .. Caption(b, m), .. End(b)]);
        yield return Multipart("multipart:truncated-part", "; boundary=b0", (b, m) => [.. Caption(b, m), .. File(b)[..600]]);
        yield return Multipart("multipart:no-end", "; boundary=b0", (b, m) => [.. Caption(b, m), .. File(b)]);
        yield return Multipart("multipart:no-disposition", "; boundary=b0", (b, m) => [.. Caption(b, m), .. Encoding.ASCII.GetBytes($"--{b}\r\nContent-Type: image/jpeg\r\n\r\n"), .. jpeg, .. "\r\n"u8, .. End(b)]);
        yield return Multipart("multipart:unknown-part", "; boundary=b0", (b, m) => [.. Caption(b, m), .. Part(b, "form-data; name=\"evil\"", null, "x"u8.ToArray()), .. File(b), .. End(b)]);
        yield return Multipart("multipart:two-files", "; boundary=b0", (b, m) => [.. Caption(b, m), .. File(b), .. File(b), .. End(b)]);
        yield return Multipart("multipart:surrogate-caption", "; boundary=b0", (b, m) => [.. File(b), .. Part(b, "form-data; name=\"caption\"", null, [.. Encoding.UTF8.GetBytes(m), 0xED, 0xA0, 0x80]), .. End(b)]);
        yield return Multipart("multipart:html-file", "; boundary=b0", (b, m) => [.. Caption(b, m), .. Part(b, "form-data; name=\"file\"; filename=\"x.html\"", "text/html", Photos.TestPhotos.NotAnImage()), .. End(b)]);
        yield return Multipart("multipart:huge-header", "; boundary=b0", (b, m) => [.. Caption(b, m), .. Part(b, "form-data; name=\"file\"; filename=\"" + new string('f', 20_000) + "\"", "image/jpeg", jpeg), .. End(b)]);
        yield return Multipart("multipart:bad-taken-at", "; boundary=b0", (b, m) => [.. Caption(b, m), .. Part(b, "form-data; name=\"takenAt\"", null, "\u00ff\u00fe"u8.ToArray()), .. File(b), .. End(b)]);
    }

    /// <summary>A valid body for the operations the project knows; otherwise one member per string property.</summary>
    private JsonObject? BaseBody(OpenApiOperation operation)
    {
        if (!operation.TakesJson)
        {
            return null;
        }

        JsonObject? sample = operation.OperationId switch
        {
            "RecordSeizure" => Marked(SeizureSamples.Valid(), "narrative"),
            "RecordSuspect" => Marked(PersonSamples.Suspect(), "notes"),
            "RecordCompany" => Marked(PersonSamples.Company(), "notes"),
            "CorrectSeizure" => new JsonObject { ["narrative"] = MarkerPlaceholder },
            "CorrectSuspect" or "CorrectCompany" => new JsonObject { ["notes"] = MarkerPlaceholder },
            "LinkPerson" => new JsonObject { ["kind"] = "suspect", ["targetId"] = targets.SuspectId, ["role"] = "passenger", ["notes"] = MarkerPlaceholder },
            "WithdrawPhoto" => new JsonObject { ["reason"] = MarkerPlaceholder },
            "CompleteUploadSession" => new JsonObject { ["caption"] = MarkerPlaceholder, ["takenAt"] = SeizureSamples.SeizedAt },
            "CreateApiKey" => new JsonObject { ["name"] = MarkerPlaceholder, ["role"] = "partner" },
            "CreateWebhookSubscription" => new JsonObject { ["url"] = "https://198.51.100.7/hook", ["events"] = new JsonArray("seizure.recorded"), ["description"] = MarkerPlaceholder },
            "UpdateWebhookSubscription" => new JsonObject { ["description"] = MarkerPlaceholder },
            _ => null,
        };
        if (sample is not null)
        {
            return sample;
        }

        var generated = new JsonObject();
        foreach (var (name, schema) in OpenApiOperation.Properties(document, operation.JsonSchema))
        {
            generated[name] = MarkerFields.Contains(name) ? MarkerPlaceholder : SampleValue(schema);
        }

        return generated;
    }

    private static JsonObject Marked(JsonObject body, string field)
    {
        body[field] = MarkerPlaceholder;
        return body;
    }

    private static JsonNode? SampleValue(JsonObject? schema)
    {
        if (schema?["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        var type = schema?["type"] switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => null,
        };
        return type switch
        {
            "integer" or "number" => 1,
            "boolean" => true,
            "array" => new JsonArray(),
            "object" => new JsonObject(),
            _ => "x",
        };
    }

    private FuzzRequest Json(OpenApiOperation operation, string caller, string kind, string url, JsonObject? baseBody, string? markerField,
        IReadOnlyList<KeyValuePair<string, string>>? headers, (string Field, string Json)? replace)
    {
        var allHeaders = new List<KeyValuePair<string, string>>(headers ?? []);
        if (operation.Method == "PATCH" && !allHeaders.Any(h => h.Key == "If-Match"))
        {
            // A hostile member gets past the precondition checks, so that it reaches the merge and the record's checks;
            // the rest are refused before the record is read, where a fixed tag does as well.
            allHeaders.Add(new("If-Match", replace is null ? "\"1\"" : CurrentETag));
        }

        if (baseBody is null)
        {
            return new FuzzRequest(operation, caller, kind, operation.Method, url, allHeaders, null, null, null, false);
        }

        var body = baseBody.DeepClone().AsObject();
        var marker = NextMarker();
        if (replace is { } r)
        {
            body[r.Field] = FieldPlaceholder;
        }

        var text = body.ToJsonString();
        text = markerField is null ? text.Replace(MarkerPlaceholder, "plain text", StringComparison.Ordinal) : text.Replace(MarkerPlaceholder, marker, StringComparison.Ordinal);
        if (replace is { } field)
        {
            text = text.Replace($"\"{FieldPlaceholder}\"", field.Json, StringComparison.Ordinal);
        }

        return new FuzzRequest(operation, caller, kind, operation.Method, url, allHeaders, Encoding.UTF8.GetBytes(text), operation.JsonMediaType,
            markerField is null ? null : marker, false);
    }

    private FuzzRequest Raw(OpenApiOperation operation, string caller, string kind, string url, byte[] body, string contentType) =>
        Json(operation, caller, kind, url, null, null, null, null) with { Body = body, ContentType = contentType };

    private string NextMarker() => $"fz{Interlocked.Increment(ref _markers):x8}q";

    /// <summary>The operation's path with good values in every parameter but <paramref name="hostile"/>.</summary>
    private string Url(OpenApiOperation operation, string? hostile = null, string? value = null)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            path = path.Replace("{" + parameter.Name + "}", parameter.Name == hostile ? value! : Uri.EscapeDataString(GoodPathValue(operation.Path, parameter.Name)), StringComparison.Ordinal);
        }

        var query = operation.Parameters.Where(p => p.In == "query")
            .Select(p => p.Name == hostile ? $"{p.Name}={value}" : GoodQueryValue(p.Name) is { } good ? $"{p.Name}={Uri.EscapeDataString(good)}" : null)
            .OfType<string>()
            .ToList();
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private string GoodPathValue(string path, string name) => name switch
    {
        "month" => Month,
        "photoId" => "PH-0000000000000000",
        "uploadId" => "0000000000000000",
        "targetId" => targets.SuspectId,
        "id" when path.StartsWith("/api/seizures", StringComparison.Ordinal) => targets.SeizureId,
        "id" when path.StartsWith("/api/suspects", StringComparison.Ordinal) => targets.SuspectId,
        "id" when path.StartsWith("/api/companies", StringComparison.Ordinal) => targets.CompanyId,
        _ => "x0000000000000000",
    };

    private static string? GoodQueryValue(string name) => name switch
    {
        "month" => Month,
        "date" => SeizureSamples.Day,
        "kind" => "suspect",
        _ => null,
    };
}
