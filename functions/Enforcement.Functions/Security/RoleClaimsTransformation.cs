using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Security;

/// <summary>
/// Brings every identity provider's claims to the names the policies read: Entra ID app roles arrive in "roles"
/// (dotnet user-jwts and API keys use "role"), and the office and region claims may be configured under other names.
/// </summary>
internal sealed class RoleClaimsTransformation(IOptions<SecurityOptions> options) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is ClaimsIdentity identity && identity.IsAuthenticated)
        {
            Copy(identity, ClaimNames.EntraRoles, ClaimNames.Role);
            Copy(identity, options.Value.OfficeClaimType, ClaimNames.Office);
            Copy(identity, options.Value.RegionClaimType, ClaimNames.Region);
        }

        return Task.FromResult(principal);
    }

    private static void Copy(ClaimsIdentity identity, string from, string to)
    {
        if (from == to)
        {
            return;
        }

        foreach (var value in identity.FindAll(from).Select(c => c.Value).ToList())
        {
            if (!identity.HasClaim(to, value))
            {
                identity.AddClaim(new Claim(to, value));
            }
        }
    }
}
