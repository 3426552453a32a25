using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Inbox;

/// <summary>
/// Who an item is addressed to, as inbox partition keys: a named user ("u|" + hash of the subject, since subjects may
/// hold characters keys cannot), an office ("o|PKKHI"), a WCO region ("r|EUR"), a role ("ro|analyst"), or the
/// supervisors of an office ("s|PKKHI", where escalations go). A caller reads the few partitions of their own keys,
/// so an inbox call costs the same whatever the history size, without a user directory to fan out to.
/// </summary>
internal static class RecipientKeys
{
    public static string User(string subject) => "u|" + Sha256Hex.Of(subject)[..32];

    public static string Office(string office) => "o|" + office;

    public static string Region(string region) => "r|" + region;

    public static string Role(string role) => "ro|" + role;

    public static string Supervisors(string office) => "s|" + office;

    public static bool IsUser(string key) => key.StartsWith("u|", StringComparison.Ordinal);

    /// <summary>Every key that addresses this caller: a unit's officer is also reached through the port's key, and a
    /// national user through the WCO region of their office's country.</summary>
    public static IReadOnlyList<string> Of(Caller caller)
    {
        var keys = new List<string> { User(caller.Subject) };
        keys.AddRange(caller.Roles.Where(r => r is not Roles.Admin and not Roles.Partner).Select(Role));
        if (caller.Office is { } office && caller.IsInRole(Roles.Officer, Roles.Supervisor, Roles.Analyst))
        {
            var port = office.Split('-')[0];
            keys.Add(Office(office));
            if (port != office)
            {
                keys.Add(Office(port));
            }

            if (caller.IsInRole(Roles.Supervisor))
            {
                keys.Add(Supervisors(office));
                if (port != office)
                {
                    keys.Add(Supervisors(port));
                }
            }
        }

        var region = caller.IsInRole(Roles.Rilo) ? caller.Region
            : caller.Office is { Length: >= 2 } o ? WcoRegions.RegionOf(o[..2]) : null;
        if (region is not null && WcoRegions.IsKnown(region))
        {
            keys.Add(Region(region));
        }

        return keys.Distinct(StringComparer.Ordinal).ToList();
    }
}
