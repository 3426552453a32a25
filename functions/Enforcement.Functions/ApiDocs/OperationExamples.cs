using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>Realistic example requests and responses (a heroin seizure at Karachi, a courier, a trading company, a
/// partner subscription), attached to the operations that take or return them.</summary>
internal static class OperationExamples
{
    private const string SeizureId = "SZ-202611-01KAQ3J6W2X8Y4Z5AB";

    public static JsonObject SeizureFacts() => new()
    {
        ["seizedAt"] = "2026-11-20T14:30:00+05:00",
        ["office"] = "PKKHI-APFT",
        ["procedure"] = "export",
        ["detectionMethod"] = "nii-scan",
        ["items"] = new JsonArray(new JsonObject
        {
            ["category"] = "drugs", ["description"] = "Heroin in 24 vacuum-sealed packets", ["hsCode"] = "2939.11",
            ["quantity"] = 12.4, ["unit"] = "kg", ["estimatedValue"] = new JsonObject { ["amount"] = 620000, ["currency"] = "USD" },
        }),
        ["concealment"] = new JsonObject { ["method"] = "container-structure", ["description"] = "Welded into the front wall of the container" },
        ["conveyance"] = new JsonObject { ["mode"] = "sea", ["vesselImo"] = "9074729", ["containerNumbers"] = new JsonArray("CSQU3054383") },
        ["route"] = new JsonObject
        {
            ["departureCountry"] = "PK", ["departurePlace"] = "PKKHI", ["transitCountries"] = new JsonArray("AE"),
            ["destinationCountry"] = "NL", ["destinationPlace"] = "NLRTM",
        },
        ["narrative"] = "Scanner image showed an anomaly in the front wall; the container was opened in the presence of the shipper's agent.",
    };

    public static JsonObject Seizure()
    {
        var seizure = new JsonObject
        {
            ["id"] = SeizureId, ["version"] = 1, ["etag"] = "\"1\"",
            ["recordedAt"] = "2026-11-20T09:41:07.512+00:00", ["updatedAt"] = "2026-11-20T09:41:07.512+00:00",
        };
        foreach (var (name, value) in SeizureFacts())
        {
            seizure[name] = value?.DeepClone();
        }

        return seizure;
    }

    public static JsonObject PartnerSeizure() => new()
    {
        ["id"] = SeizureId, ["version"] = 1, ["seizedAt"] = "2026-11-20T14:30:00+05:00", ["office"] = "PKKHI-APFT",
        ["procedure"] = "export", ["detectionMethod"] = "nii-scan",
        ["items"] = new JsonArray(new JsonObject { ["category"] = "drugs", ["hsCode"] = "293911", ["quantity"] = 12.4, ["unit"] = "kg" }),
        ["concealment"] = new JsonObject { ["method"] = "container-structure" },
        ["conveyance"] = new JsonObject { ["mode"] = "sea", ["vesselImo"] = "9074729", ["containerNumbers"] = new JsonArray("CSQU3054383") },
        ["route"] = new JsonObject { ["departureCountry"] = "PK", ["destinationCountry"] = "NL" },
    };

    private static JsonObject SuspectFacts() => new()
    {
        ["givenNames"] = "Muhammad Imran", ["familyName"] = "Siddiqui", ["dateOfBirth"] = "1984-03-07", ["gender"] = "male",
        ["nationalities"] = new JsonArray("PK"),
        ["documents"] = new JsonArray(new JsonObject { ["type"] = "passport", ["number"] = "AB1234567", ["issuingCountry"] = "PK" }),
        ["phoneNumbers"] = new JsonArray("+923001234567"),
    };

    private static JsonObject CompanyFacts() => new()
    {
        ["legalName"] = "Al-Noor Trading Company (Pvt) Ltd", ["country"] = "PK",
        ["registrationNumbers"] = new JsonArray(new JsonObject { ["scheme"] = "ntn", ["number"] = "4012345-6" }),
        ["addresses"] = new JsonArray(new JsonObject { ["text"] = "Plot 14, West Wharf Road", ["city"] = "Karachi", ["country"] = "PK" }),
        ["rolesSeen"] = new JsonArray("exporter"),
    };

    private static JsonObject Stored(JsonObject facts, string id)
    {
        var record = new JsonObject
        {
            ["id"] = id, ["version"] = 1, ["etag"] = "\"1\"", ["recordedAt"] = "2026-11-20T10:02:11.204+00:00", ["updatedAt"] = "2026-11-20T10:02:11.204+00:00",
        };
        foreach (var (name, value) in facts)
        {
            record[name] = value?.DeepClone();
        }

        return record;
    }

    private static JsonObject SubscriptionRequest() => new()
    {
        ["url"] = "https://partner.example.org/hooks/enforcement", ["events"] = new JsonArray("seizure.recorded", "photo.ready"),
        ["filter"] = new JsonObject { ["categories"] = new JsonArray("drugs", "precursors"), ["countries"] = new JsonArray("NL", "BE") },
        ["description"] = "Port of Rotterdam targeting centre",
    };

    private static JsonObject Subscription(bool withSecret)
    {
        var subscription = SubscriptionRequest();
        subscription["id"] = "wh_k3m9x2p7q4r8s5t6";
        subscription["owner"] = "apikey:q7r2m9x4k3p8s5t6";
        subscription["scope"] = "non-nominal";
        subscription["status"] = "active";
        subscription["createdAt"] = "2026-11-20T10:15:00+00:00";
        subscription["updatedAt"] = "2026-11-20T10:15:00+00:00";
        subscription["etag"] = "\"1\"";
        if (withSecret)
        {
            subscription["secret"] = "whsec_EXAMPLEonly";
        }

        return subscription;
    }

    /// <summary>Request and success-response examples by operation id.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<JsonNode>? Request, string Status, Func<JsonNode> Response)> ById =
        new Dictionary<string, (Func<JsonNode>?, string, Func<JsonNode>)>(StringComparer.Ordinal)
        {
            ["RecordSeizure"] = (SeizureFacts, "201", Seizure),
            ["GetSeizure"] = (null, "200", Seizure),
            ["CorrectSeizure"] = (() => new JsonObject { ["narrative"] = "Corrected: 24 packets, not 22." }, "200", Seizure),
            ["ListSeizures"] = (null, "200", () => new JsonObject { ["items"] = new JsonArray(Seizure()) }),
            ["RecordSuspect"] = (SuspectFacts, "201", () => Stored(SuspectFacts(), "SU-01KAQ3P4R5S6T7V8WX")),
            ["GetSuspect"] = (null, "200", () => Stored(SuspectFacts(), "SU-01KAQ3P4R5S6T7V8WX")),
            ["RecordCompany"] = (CompanyFacts, "201", () => Stored(CompanyFacts(), "CO-01KAQ3Q9R2S3T4V5WX")),
            ["GetCompany"] = (null, "200", () => Stored(CompanyFacts(), "CO-01KAQ3Q9R2S3T4V5WX")),
            ["CorrectSuspect"] = (() => new JsonObject { ["notes"] = "Admitted in interview to two earlier trips for the same organiser." }, "200",
                () => Stored(SuspectFacts(), "SU-01KAQ3P4R5S6T7V8WX")),
            ["CorrectCompany"] = (() => new JsonObject { ["notes"] = "Registered office moved to Lahore in 2025." }, "200",
                () => Stored(CompanyFacts(), "CO-01KAQ3Q9R2S3T4V5WX")),
            ["LinkPerson"] = (() => new JsonObject { ["kind"] = "suspect", ["targetId"] = "SU-01KAQ3P4R5S6T7V8WX", ["role"] = "courier" }, "201",
                () => new JsonObject
                {
                    ["id"] = "SU-01KAQ3P4R5S6T7V8WX", ["kind"] = "suspect", ["targetId"] = "SU-01KAQ3P4R5S6T7V8WX", ["seizureId"] = SeizureId,
                    ["role"] = "courier", ["linkedAt"] = "2026-11-20T10:05:00+00:00", ["updatedAt"] = "2026-11-20T10:05:00+00:00", ["version"] = 1,
                }),
            ["CreateWebhookSubscription"] = (SubscriptionRequest, "201", () => Subscription(withSecret: true)),
            ["GetWebhookSubscription"] = (null, "200", () => Subscription(withSecret: false)),
            ["UpdateWebhookSubscription"] = (() => new JsonObject { ["active"] = false }, "200", () => Subscription(withSecret: false)),
            ["GetFeedSummaryChart"] = (null, "200", () => JsonValue.Create(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"118\" viewBox=\"0 0 760 118\" role=\"img\"><title>Seizures by detection method</title>"
                + "<g class=\"bar\" data-key=\"nii-scan\" data-count=\"2\" data-previous=\"1\" data-change=\"1\" data-year-ago=\"0\"><title>nii-scan: 2 (+1, +100.0% on 2026-10; 0 in 2025-11)</title>"
                + "<rect x=\"210\" y=\"48\" width=\"360\" height=\"16\" fill=\"#1f5f8b\"/></g></svg>")),
            ["GetFeedSummaryPage"] = (null, "200", () => JsonValue.Create(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Feed summary, 2026-11: WCO region AP</title></head><body>"
                + "<h1>Feed summary, 2026-11: WCO region AP</h1><table id=\"totals\"><tr><th></th><th>2026-11</th><th>2026-10</th><th>2025-11</th></tr>"
                + "<tr><td>Seizures</td><td>3</td><td>2</td><td>1</td></tr></table><section><h2>Seizures by commodity category and unit</h2><svg>…</svg></section></body></html>")),
        };

    public static void AddTo(OpenApiDocument document)
    {
        foreach (var path in document.Paths.Values)
        {
            foreach (var operation in (IEnumerable<OpenApiOperation>?)path.Operations?.Values ?? [])
            {
                if (operation.OperationId is not { } id || !ById.TryGetValue(id, out var example))
                {
                    continue;
                }

                if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
                {
                    foreach (var media in requestContent.Values)
                    {
                        media.Example = example.Request();
                    }
                }

                if (operation.Responses?.TryGetValue(example.Status, out var response) == true && response.Content is { } responseContent)
                {
                    foreach (var media in responseContent.Values)
                    {
                        media.Example = example.Response();
                    }
                }
            }
        }
    }
}
