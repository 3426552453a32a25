using System.Security.Claims;

namespace Enforcement.Functions.Security;

/// <summary>A role that satisfies a policy, and the claim that role must also carry (an office, a known WCO region).</summary>
internal sealed record RoleGrant(string Role, string? RequiredClaim = null)
{
    public bool IsMetBy(ClaimsPrincipal user) => user.IsInRole(Role) && RequiredClaim switch
    {
        null => true,
        ClaimNames.Region => ReferenceData.WcoRegions.IsKnown(user.FindFirst(ClaimNames.Region)?.Value?.ToUpperInvariant() ?? string.Empty),
        _ => user.HasClaim(c => c.Type == RequiredClaim),
    };

    public string Describe() => RequiredClaim is null ? $"`{Role}`" : $"`{Role}` (with claim `{RequiredClaim}`)";
}

/// <summary>
/// Who satisfies each policy: the one table the authorization policies are built from and the OpenAPI document
/// describes, so the documented roles cannot drift from the enforced ones. Record-level scope (office, owner) is
/// checked by the endpoints on top of this.
/// </summary>
internal static class PolicyGrants
{
    private static readonly RoleGrant[] OfficeStaff = [new(Roles.Officer, ClaimNames.Office), new(Roles.Supervisor, ClaimNames.Office)];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<RoleGrant>> ByPolicy = new Dictionary<string, IReadOnlyList<RoleGrant>>(StringComparer.Ordinal)
    {
        [Policies.RecordSeizures] = OfficeStaff,
        [Policies.CorrectSeizures] = OfficeStaff,
        [Policies.ReadSeizures] = [new(Roles.Analyst), .. OfficeStaff],
        [Policies.ReadPersons] = [new(Roles.Analyst), .. OfficeStaff],
        [Policies.WritePersons] = OfficeStaff,
        [Policies.AddPhotos] = [new(Roles.Analyst), .. OfficeStaff],
        [Policies.WithdrawPhotos] = [new(Roles.Supervisor, ClaimNames.Office)],
        [Policies.Administer] = [new(Roles.Admin)],
        [Policies.ManageWebhooks] = [new(Roles.Partner), new(Roles.Admin)],
        [Policies.OpenCases] = [new(Roles.Analyst), new(Roles.Supervisor, ClaimNames.Office)],
        [Policies.WorkOnCases] = [new(Roles.Analyst), .. OfficeStaff],
        [Policies.ReadCaseMetrics] = [new(Roles.Analyst), new(Roles.Supervisor, ClaimNames.Office)],
        [Policies.ReadFeeds] = [new(Roles.Analyst), new(Roles.Admin), new(Roles.Rilo, ClaimNames.Region)],
        [Policies.RunImports] = [new(Roles.Admin), new(Roles.Supervisor, ClaimNames.Office)],
        [Policies.ReadStatistics] = [new(Roles.Analyst), new(Roles.Admin), new(Roles.Supervisor, ClaimNames.Office), new(Roles.Rilo, ClaimNames.Region)],
        [Policies.Communicate] = [new(Roles.Analyst), new(Roles.Rilo, ClaimNames.Region), .. OfficeStaff],
        [Policies.PublishAlerts] = [new(Roles.Analyst), new(Roles.Supervisor, ClaimNames.Office), new(Roles.Rilo, ClaimNames.Region)],
        [Policies.ReadGroups] = [new(Roles.Analyst), new(Roles.Rilo, ClaimNames.Region), .. OfficeStaff, new(Roles.Admin)],
        [Policies.ManageGroups] = [new(Roles.Analyst), new(Roles.Supervisor, ClaimNames.Office), new(Roles.Admin)],
        [Policies.UseTargeting] = [new(Roles.Analyst), .. OfficeStaff],
        [Policies.AnalyseTargeting] = [new(Roles.Analyst)],
    };
}
