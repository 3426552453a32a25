using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Persons;

/// <summary>Not creating the same person twice: a strong match the caller may read is refused with 409 and its
/// candidates, unless the client confirms with ?allowDuplicate=true; one the caller may not read is never revealed,
/// and the record is flagged for an analyst's review instead.</summary>
public sealed class DuplicateGuardTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task TheSameDocumentNumberIsRefusedWithTheCandidateUnlessConfirmed()
    {
        var number = PersonSamples.UniquePassport();
        var first = PersonSamples.Suspect($"Imran {PersonSamples.UniqueWord()}", passport: number);
        var existing = await _client.RecordSuspectAsync(first);
        var second = PersonSamples.Suspect($"Someone {PersonSamples.UniqueWord()}", "1990", passport: $"{number[..4]} {number[4..]}");

        var refused = await _client.PostSuspectAsync(second);
        var confirmed = await _client.PostSuspectAsync(second, allowDuplicate: true);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var candidate = Assert.Single((await refused.ReadObjectAsync())["candidates"]!.AsArray())!;
        Assert.Equal(existing, candidate["id"]!.GetValue<string>());
        Assert.Equal(new[] { "same-document" }, candidate["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(first["fullName"]!.GetValue<string>(), candidate["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
    }

    [Theory]
    [InlineData("1985-03-14", "1985-03-14", true)]
    [InlineData("1985", "1985-03-14", true)]
    [InlineData("1985-03-14", "1985-03-15", false)]
    [InlineData(null, "1985-03-14", false)]
    public async Task TheSameNameInAnotherSpellingWithACompatibleBirthDateIsADuplicate(string? existingBirth, string newBirth, bool duplicate)
    {
        var word = PersonSamples.UniqueWord();
        var existing = await _client.RecordSuspectAsync(PersonSamples.Suspect($"Muhammad {word} Khan", existingBirth));

        var response = await _client.PostSuspectAsync(PersonSamples.Suspect($"KHAAN, Mohammed {word}", newBirth));

        Assert.Equal(duplicate ? HttpStatusCode.Conflict : HttpStatusCode.Created, response.StatusCode);
        if (duplicate)
        {
            var candidate = Assert.Single((await response.ReadObjectAsync())["candidates"]!.AsArray())!;
            Assert.Equal(existing, candidate["id"]!.GetValue<string>());
            Assert.Equal("same-name-and-date-of-birth", candidate["reasons"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ASharedAliasIsNotADuplicate()
    {
        var first = PersonSamples.Suspect($"Imran {PersonSamples.UniqueWord()}");
        first["aliases"] = new JsonArray("Chhota Bhai");
        await _client.RecordSuspectAsync(first);
        var second = PersonSamples.Suspect($"Kamran {PersonSamples.UniqueWord()}");
        second["aliases"] = new JsonArray("Chhota Bhai");

        var response = await _client.PostSuspectAsync(second);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AMatchTheCallerMayNotReadIsNotRevealedButFlaggedForAnAnalyst()
    {
        var number = PersonSamples.UniquePassport();
        var existing = await fixture.SupervisorOf("PKLHE").RecordSuspectAsync(PersonSamples.Suspect(passport: number));

        var response = await _client.PostSuspectAsync(PersonSamples.Suspect(passport: number));
        var reviews = await fixture.Analyst.GetAsync("/api/duplicate-reviews?kind=suspect&limit=100");
        var officerReviews = await _client.GetAsync("/api/duplicate-reviews?kind=suspect");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadObjectAsync();
        Assert.False(created.ContainsKey("candidates"));
        Assert.DoesNotContain(existing, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reviews.StatusCode);
        var review = Assert.Single((await reviews.ReadObjectAsync())["items"]!.AsArray(), r => r!["recordId"]!.GetValue<string>() == created["id"]!.GetValue<string>())!;
        Assert.Equal(existing, Assert.Single(review["candidateIds"]!.AsArray())!.GetValue<string>());
        Assert.Equal("same-document", Assert.Single(review["reasons"]!.AsArray())!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, officerReviews.StatusCode);
    }

    [Fact]
    public async Task OnlyTheMatchesTheCallerMayReadAreListedInA409()
    {
        var number = PersonSamples.UniquePassport();
        var hidden = await fixture.SupervisorOf("PKLHE").RecordSuspectAsync(PersonSamples.Suspect(passport: number));
        var visible = await _client.RecordSuspectAsync(PersonSamples.Suspect(passport: number));

        var response = await _client.PostSuspectAsync(PersonSamples.Suspect(passport: number));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var candidate = Assert.Single((await response.ReadObjectAsync())["candidates"]!.AsArray())!;
        Assert.Equal(visible, candidate["id"]!.GetValue<string>());
        Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrectionThatMakesARecordMatchAnotherIsRefusedButOneThatKeepsAConfirmedLikenessIsNot()
    {
        var number = PersonSamples.UniquePassport();
        await _client.RecordSuspectAsync(PersonSamples.Suspect(passport: number));
        var other = await _client.RecordSuspectAsync(PersonSamples.Suspect());
        var twin = await _client.RecordSuspectAsync(PersonSamples.Suspect(passport: number));

        var becomesDuplicate = await _client.PatchPersonAsync("suspects", other, new JsonObject
        {
            ["documents"] = new JsonArray(new JsonObject { ["type"] = "passport", ["number"] = number, ["issuingCountry"] = "PK" }),
        }, "\"1\"");
        var stillTwin = await _client.PatchPersonAsync("suspects", twin, new JsonObject { ["gender"] = "unknown" }, "\"1\"");

        Assert.Equal(HttpStatusCode.Conflict, becomesDuplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillTwin.StatusCode);
    }

    [Fact]
    public async Task TheSameRegistrationNumberIsADuplicateCompany()
    {
        var registration = PersonSamples.UniqueRegistration();
        var existing = await _client.RecordCompanyAsync(PersonSamples.Company(registration: registration));

        var response = await _client.PostCompanyAsync(PersonSamples.Company($"Other {PersonSamples.UniqueWord()} Ltd", registration: registration.Replace("-", "", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var candidate = Assert.Single((await response.ReadObjectAsync())["candidates"]!.AsArray())!;
        Assert.Equal(existing, candidate["id"]!.GetValue<string>());
        Assert.Equal("same-registration-number", candidate["reasons"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PK", true)]
    [InlineData("AE", false)]
    public async Task TheSameLegalNameWithAnotherLegalFormIsADuplicateInTheSameCountryOnly(string country, bool duplicate)
    {
        var word = PersonSamples.UniqueWord();
        await _client.RecordCompanyAsync(PersonSamples.Company($"Al-Noor {word} Trading Co. (Pvt) Ltd."));

        var response = await _client.PostCompanyAsync(PersonSamples.Company($"ALNOOR {word} PRIVATE LIMITED".Replace("ALNOOR", "AL NOOR", StringComparison.Ordinal), country));

        Assert.Equal(duplicate ? HttpStatusCode.Conflict : HttpStatusCode.Created, response.StatusCode);
    }
}
