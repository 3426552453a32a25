using System.Security.Claims;
using System.Text.Encodings.Web;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.ApiKeys;

/// <summary>"Authorization: ApiKey enf.{id}.{secret}" for organisations outside the national identity tenant.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderPrefix = "ApiKey ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.VerifyAsync(header[HeaderPrefix.Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked, expired or malformed.");
        }

        var claims = new List<Claim>
        {
            new(ClaimNames.Subject, "apikey:" + key.RowKey),
            new(ClaimNames.Role, key.Role),
            new(ClaimNames.ApiKeyId, key.RowKey),
        };
        if (key.Region is not null)
        {
            claims.Add(new Claim(ClaimNames.Region, key.Region));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimNames.Subject, ClaimNames.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", "ApiKey realm=\"enforcement\"");
        return Task.CompletedTask;
    }
}
