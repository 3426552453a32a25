using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enforcement.BenchKit;

/// <summary>Bearer tokens for benchmark callers, signed with a key made for this run and configured in the app under
/// Authentication:Schemes:Bearer (<see cref="AppSettings"/>), as dotnet user-jwts does.</summary>
public static class BenchTokens
{
    private const string Issuer = "enforcement-bench";
    private const string Audience = "enforcement-api";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly ConcurrentDictionary<(string Subject, string Role, string? Office), string> Issued = new();

    public static IEnumerable<KeyValuePair<string, string>> AppSettings =>
    [
        new("Authentication:Schemes:Bearer:ValidIssuer", Issuer),
        new("Authentication:Schemes:Bearer:ValidAudiences:0", Audience),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(Key)),
        // A benchmark caller sends thousands of requests a minute: lift the per-caller limit.
        new("Security:PermitsPerMinute", "100000000"),
    ];

    /// <summary>A token for the caller (the same one each time it is asked for), valid for four hours.</summary>
    public static string For(string subject, string role, string? office = null) => Issued.GetOrAdd((subject, role, office), caller =>
    {
        var claims = new List<Claim> { new("sub", caller.Subject), new("role", caller.Role) };
        if (caller.Office is not null)
        {
            claims.Add(new Claim("office", caller.Office));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(4),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });
    });
}
