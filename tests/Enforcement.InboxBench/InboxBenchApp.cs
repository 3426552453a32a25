using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enforcement.InboxBench;

/// <summary>
/// The real app on a loopback Kestrel socket against the benchmark's own Azurite, with Server-Timing on (it reports the
/// storage requests each API call made) and its local queue listeners on (the first message is fanned out by the app
/// itself). Callers are bearer tokens signed with a key made for this run, as dotnet user-jwts does.
/// </summary>
internal sealed class InboxBenchApp(string storageConnectionString) : WebApplicationFactory<Program>
{
    private const string Issuer = "enforcement-inbox-bench";
    private const string Audience = "enforcement-api";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public void Start()
    {
        UseKestrel(0);
        StartServer();
    }

    public HttpClient ClientAs(string subject, string role, string? office)
    {
        var claims = new List<Claim> { new("sub", subject), new("role", role) };
        if (office is not null)
        {
            claims.Add(new Claim("office", office));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(4),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", storageConnectionString);
        builder.UseSetting("Storage:NamePrefix", "inboxbench");
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("Diagnostics:ServerTiming", "true");
        builder.UseSetting("LocalTriggers:Enabled", "true");
        builder.UseSetting("LocalTriggers:MaxPollingInterval", "00:00:00.200");
        builder.UseSetting("Webhooks:SecretEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(Key));
        builder.UseSetting("Security:PermitsPerMinute", "100000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
