using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Enforcement.Functions.Security;

/// <summary>Entra ID puts app roles in "roles"; dotnet user-jwts and API keys use "role". Policies read "role".</summary>
internal sealed class RoleClaimsTransformation : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is ClaimsIdentity identity && identity.IsAuthenticated)
        {
            foreach (var role in identity.FindAll(ClaimNames.EntraRoles).Select(c => c.Value).ToList())
            {
                if (!identity.HasClaim(ClaimNames.Role, role))
                {
                    identity.AddClaim(new Claim(ClaimNames.Role, role));
                }
            }
        }

        return Task.FromResult(principal);
    }
}
