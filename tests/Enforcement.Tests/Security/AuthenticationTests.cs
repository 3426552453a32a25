using System.Net;
using System.Security.Cryptography;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Security;

public sealed class AuthenticationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AnAnonymousCallerIsChallengedForBothSchemes()
    {
        var response = await fixture.App.Client().GetAsync("/api/seizures?month=2025-01");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        Assert.Contains("Bearer", challenges);
        Assert.Contains("ApiKey", challenges);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsUnauthorized()
    {
        using var client = fixture.App.Client().WithBearer(TestTokens.Create("analyst", key: RandomNumberGenerator.GetBytes(32)));

        var response = await client.GetAsync("/api/seizures?month=2025-01");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsUnauthorized()
    {
        using var client = fixture.App.Client().WithBearer(TestTokens.Create("analyst", lifetime: TimeSpan.FromMinutes(-10)));

        var response = await client.GetAsync("/api/seizures?month=2025-01");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenWithoutARoleIsForbidden()
    {
        using var client = fixture.App.Client().WithBearer(TestTokens.Create(role: null));

        var response = await client.GetAsync("/api/seizures?month=2025-01");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnOfficerWithoutAnOfficeClaimCannotRecord()
    {
        using var client = fixture.App.ClientAs("officer");

        var response = await client.PostSeizureAsync(SeizureSamples.Valid());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EntraIdAppRolesInTheRolesClaimAreHonoured()
    {
        var token = TestTokens.Create(role: null, subject: "entra-user");
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var withRoles = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "entra-user", ["roles"] = new[] { "analyst" } },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(TestTokens.Key), "HS256"),
        });
        Assert.NotEqual(token, withRoles);
        using var client = fixture.App.Client().WithBearer(withRoles);

        var response = await client.GetAsync("/api/seizures?month=2025-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnOfficeClaimUnderAConfiguredNameIsHonoured()
    {
        await using var app = await EnforcementApp.StartAsync(new Dictionary<string, string?> { ["Security:OfficeClaimType"] = "extn.office" });
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "entra-officer", ["roles"] = new[] { "officer" }, ["extn.office"] = "PKKHI-APFT" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(TestTokens.Key), "HS256"),
        });
        using var client = app.Client().WithBearer(token);

        var response = await client.PostSeizureAsync(SeizureSamples.Valid(office: "PKKHI-APFT"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ARecordOfAnotherOfficeReadsAsNotFound()
    {
        var created = await (await fixture.SupervisorOf("PKLHE").PostSeizureAsync(SeizureSamples.Valid(office: "PKLHE"))).ReadObjectAsync();
        using var karachi = fixture.App.ClientAs("officer", "PKKHI-APFT");

        var response = await karachi.GetAsync($"/api/seizures/{created["id"]}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
