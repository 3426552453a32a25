using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enforcement.Tests.Infrastructure;

/// <summary>
/// Signs JWTs the way `dotnet user-jwts` does (symmetric key, issuer, audience), with the key configured in the app
/// under Authentication:Schemes:Bearer exactly as user-jwts configures it. A fresh key per test run.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "enforcement-tests";
    public const string Audience = "enforcement-api";

    public static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public static IDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
    };

    public static string Create(string? role, string? office = null, string? region = null, string? subject = null, TimeSpan? lifetime = null, byte[]? key = null)
    {
        var claims = new List<Claim> { new("sub", subject ?? $"{role}-{Guid.NewGuid():N}"[..20]) };
        if (role is not null)
        {
            claims.Add(new Claim("role", role));
        }

        if (office is not null)
        {
            claims.Add(new Claim("office", office));
        }

        if (region is not null)
        {
            claims.Add(new Claim("region", region));
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            // Long enough to outlive any TestClock.Advance (a year of statutory deadlines) when no lifetime is asked for.
            Expires = now + (lifetime ?? TimeSpan.FromDays(400)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
