using System.Security.Claims;

namespace Enforcement.Functions.Security;

/// <summary>What the app needs to know about the caller, read from the claims of either authentication scheme.</summary>
internal sealed record Caller(string Subject, IReadOnlyList<string> Roles, string? Office, string? Region, string? ApiKeyId, string AuthMethod)
{
    public static Caller From(ClaimsPrincipal user)
    {
        var subject = user.FindFirst(ClaimNames.Subject)?.Value ?? user.FindFirst(ClaimNames.ObjectId)?.Value ?? user.Identity?.Name ?? "anonymous";
        return new Caller(
            subject,
            user.FindAll(ClaimNames.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList(),
            user.FindFirst(ClaimNames.Office)?.Value?.ToUpperInvariant(),
            user.FindFirst(ClaimNames.Region)?.Value?.ToUpperInvariant(),
            user.FindFirst(ClaimNames.ApiKeyId)?.Value,
            user.Identity?.AuthenticationType ?? "none");
    }

    public bool IsAuthenticated => AuthMethod != "none";

    public bool IsInRole(params string[] roles) => Roles.Any(r => roles.Contains(r, StringComparer.Ordinal));

    /// <summary>
    /// Whether a record of <paramref name="recordOffice"/> is within the caller's office: the same office, or a unit
    /// of the port the caller is assigned to ("PKKHI" covers "PKKHI-APFT"; "PKKHI-APFT" covers only itself).
    /// </summary>
    public bool CoversOffice(string recordOffice)
    {
        if (Office is null)
        {
            return false;
        }

        return string.Equals(Office, recordOffice, StringComparison.Ordinal)
               || (!Office.Contains('-', StringComparison.Ordinal) && recordOffice.StartsWith(Office + "-", StringComparison.Ordinal));
    }
}

internal static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => Security.Caller.From(context.User);
}
