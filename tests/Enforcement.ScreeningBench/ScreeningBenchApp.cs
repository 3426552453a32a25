using System.Security.Claims;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Enforcement.BenchKit;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enforcement.ScreeningBench;

/// <summary>The real app on a real Kestrel socket, pointed at the benchmark's Azurite, with Server-Timing on (it counts
/// the storage requests of each request) and no local queue listeners (intake matching is not what is measured).</summary>
internal sealed class ScreeningBenchApp(PrivateAzurite storage) : WebApplicationFactory<Program>
{
    private const string Issuer = "enforcement-screening-bench";
    private const string Audience = "enforcement-api";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A national analyst's bearer token (analysts see every hit unredacted: the largest response).</summary>
    public static string AnalystToken { get; } = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", "bench-analyst"), new Claim("role", "analyst")]),
        Expires = DateTime.UtcNow.AddHours(4),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting(StorageOptions.Section, storage.ConnectionString);
        builder.UseSetting("Storage:NamePrefix", "bench");
        builder.UseSetting("Diagnostics:ServerTiming", "true");
        builder.UseSetting("LocalTriggers:Enabled", "false");
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Webhooks:SecretEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Feeds:PseudonymKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        using (var bundleKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            builder.UseSetting("Cases:BundleSigningKey", bundleKey.ExportPkcs8PrivateKeyPem());
        }

        builder.UseSetting("Screening:RandomSeed", Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(Key));
        builder.UseSetting("Security:PermitsPerMinute", "100000000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        // The app must write to the benchmark's Azurite, never to a development storage someone else runs.
        var tables = Services.GetRequiredService<TableServiceClient>();
        if (tables.AccountName != storage.AccountName || tables.Uri.Port != storage.TablePort)
        {
            throw new InvalidOperationException($"The app uses storage account '{tables.AccountName}' at {tables.Uri}, not the benchmark's Azurite.");
        }
    }
}
