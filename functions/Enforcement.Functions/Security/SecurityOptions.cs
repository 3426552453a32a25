using Enforcement.Functions.Hosting;
namespace Enforcement.Functions.Security;

internal sealed class SecurityOptions : IValidatedOptions
{
    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (ApiKeyPepper is not null && ApiKeyPepper.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
        {
            yield return "Security:ApiKeyPepper is an unresolved Key Vault reference: set the secret and grant the app's identity access.";
        }
    }

    public const string Section = "Security";

    /// <summary>Optional secret mixed into API-key hashes (HMAC-SHA256); in Azure a Key Vault reference.</summary>
    public string? ApiKeyPepper { get; set; }

    /// <summary>How long a verified API key is trusted before it is read again (revocation takes effect within this).</summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per minute for one authenticated caller (subject or API key).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Requests per minute for one unauthenticated client address (health, docs, failed logins).</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 120;

    /// <summary>The token claim that carries the office, when the identity provider cannot emit "office" itself
    /// (e.g. Entra ID optional claims named after a directory extension: "extn.office").</summary>
    public string OfficeClaimType { get; set; } = ClaimNames.Office;

    /// <summary>The token claim that carries a RILO's WCO region (see <see cref="OfficeClaimType"/>).</summary>
    public string RegionClaimType { get; set; } = ClaimNames.Region;

    /// <summary>The largest JSON body accepted by record endpoints.</summary>
    public long MaxJsonBodyBytes { get; set; } = 256 * 1024;
}
