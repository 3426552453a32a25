using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enforcement.Bench;

/// <summary>Bearer tokens for supervisors of each port, signed with a key made for this run and configured in the app
/// under Authentication:Schemes:Bearer, as dotnet user-jwts does.</summary>
internal static class BenchTokens
{
    private const string Issuer = "enforcement-bench";
    private const string Audience = "enforcement-api";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly ConcurrentDictionary<string, string> ByPort = new(StringComparer.Ordinal);

    public static IEnumerable<KeyValuePair<string, string>> AppSettings =>
    [
        new("Authentication:Schemes:Bearer:ValidIssuer", Issuer),
        new("Authentication:Schemes:Bearer:ValidAudiences:0", Audience),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(Key)),
        // One benchmark caller per port sends thousands of requests a minute: lift the per-caller limit.
        new("Security:PermitsPerMinute", "100000000"),
    ];

    public static string SupervisorOf(string office) => ByPort.GetOrAdd(office.Split('-')[0], port => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", "bench-supervisor-" + port), new Claim("role", "supervisor"), new Claim("office", port)]),
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
    }));
}
