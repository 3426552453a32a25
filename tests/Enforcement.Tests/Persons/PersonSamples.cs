using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Persons;

public static class PersonSamples
{
    /// <summary>A valid suspect with a Pakistani passport; the family name and the number are unique unless given, so
    /// that the duplicate guard does not meet another test's suspect.</summary>
    public static JsonObject Suspect(string? fullName = null, string? dateOfBirth = "1985-03-14", string? passport = null) => new()
    {
        ["fullName"] = fullName ?? $"Muhammad Imran {UniqueWord()}",
        ["aliases"] = new JsonArray("Imran Bhai"),
        ["dateOfBirth"] = dateOfBirth,
        ["gender"] = "male",
        ["nationalities"] = new JsonArray("pk"),
        ["documents"] = new JsonArray(new JsonObject
        {
            ["type"] = "passport",
            ["number"] = passport ?? UniquePassport(),
            ["issuingCountry"] = "PK",
            ["expiresOn"] = "2031-05-01",
        }),
        ["addresses"] = new JsonArray(new JsonObject { ["text"] = "House 12, Street 4, Clifton", ["city"] = "Karachi", ["country"] = "PK" }),
        ["phoneNumbers"] = new JsonArray("+92 300 123-4567"),
        ["notes"] = "Travelled with the courier on PK301.",
    };

    public static JsonObject Company(string? legalName = null, string country = "PK", string? registration = null) => new()
    {
        ["legalName"] = legalName ?? $"Al-Noor {UniqueWord()} Trading Co. (Pvt) Ltd.",
        ["tradingNames"] = new JsonArray("Noor Traders"),
        ["registrationNumbers"] = new JsonArray(new JsonObject { ["scheme"] = "ntn", ["number"] = registration ?? UniqueRegistration() }),
        ["country"] = country,
        ["addresses"] = new JsonArray(new JsonObject { ["text"] = "Plot 7, SITE Area", ["city"] = "Karachi", ["country"] = "PK" }),
        ["rolesSeen"] = new JsonArray("importer", "consignee"),
    };

    public static string UniquePassport() => "AB" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string UniqueRegistration() => Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-8";

    /// <summary>A name part no other test uses, so that searches in a shared fixture see only their own records.</summary>
    public static string UniqueWord()
    {
        const string consonants = "bdfgjklmnprstvz";
        const string vowels = "aeiou";
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i % 2 == 0 ? consonants[Random.Shared.Next(consonants.Length)] : vowels[Random.Shared.Next(vowels.Length)];
        }

        return char.ToUpperInvariant(chars[0]) + new string(chars, 1, chars.Length - 1);
    }

    public static Task<HttpResponseMessage> PostPersonAsync(this HttpClient client, string collection, JsonNode body, string? idempotencyKey = null, bool allowDuplicate = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/{collection}" + (allowDuplicate ? "?allowDuplicate=true" : ""))
        {
            Content = JsonContent.Create(body),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostSuspectAsync(this HttpClient client, JsonNode body, string? idempotencyKey = null, bool allowDuplicate = false) =>
        client.PostPersonAsync("suspects", body, idempotencyKey, allowDuplicate);

    public static Task<HttpResponseMessage> PostCompanyAsync(this HttpClient client, JsonNode body, string? idempotencyKey = null, bool allowDuplicate = false) =>
        client.PostPersonAsync("companies", body, idempotencyKey, allowDuplicate);

    /// <summary>Records a suspect (allowing duplicates) and returns its id.</summary>
    public static async Task<string> RecordSuspectAsync(this HttpClient client, JsonNode? body = null)
    {
        var response = await client.PostSuspectAsync(body ?? Suspect(), allowDuplicate: true);
        var created = await response.ReadObjectAsync();
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Recording a suspect failed: {(int)response.StatusCode} {created}");
    }

    public static async Task<string> RecordCompanyAsync(this HttpClient client, JsonNode? body = null)
    {
        var response = await client.PostCompanyAsync(body ?? Company(), allowDuplicate: true);
        var created = await response.ReadObjectAsync();
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Recording a company failed: {(int)response.StatusCode} {created}");
    }

    public static async Task<string> RecordSeizureAsync(this HttpClient client, string office = "PKKHI-APFT")
    {
        var response = await client.PostSeizureAsync(SeizureSamples.Valid(office: office));
        var created = await response.ReadObjectAsync();
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Recording a seizure failed: {(int)response.StatusCode} {created}");
    }

    public static Task<HttpResponseMessage> PatchPersonAsync(this HttpClient client, string collection, string id, JsonNode patch, string? ifMatch, bool allowDuplicate = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/{collection}/{id}" + (allowDuplicate ? "?allowDuplicate=true" : ""))
        {
            Content = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> LinkAsync(this HttpClient client, string seizureId, string targetId, string role = "passenger", string? notes = null) =>
        client.PostAsync($"/api/seizures/{seizureId}/links", JsonContent.Create(new JsonObject
        {
            ["kind"] = targetId.StartsWith("SU-", StringComparison.Ordinal) ? "suspect" : "company",
            ["targetId"] = targetId,
            ["role"] = role,
            ["notes"] = notes,
        }));

    public static async Task<JsonArray> ItemsAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.ReadObjectAsync();
        return body["items"]?.AsArray() ?? throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
    }
}
