using Enforcement.Functions.ReferenceData;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// A feed's scope: the national feed ("ALL") or a WCO region. A seizure is in a region's scope when any country of
/// its route (departure, transit, destination) belongs to that region.
/// </summary>
internal static class FeedScopes
{
    public const string National = "ALL";

    public static IReadOnlyList<string> All { get; } = [National, .. WcoRegions.All];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>The regions the seizure's route touches, as a bit per region of <see cref="WcoRegions.All"/>.</summary>
    public static int RegionsOf(Seizures.Route? route)
    {
        if (route is null)
        {
            return 0;
        }

        var regions = Bit(route.DepartureCountry) | Bit(route.DestinationCountry);
        foreach (var country in route.TransitCountries ?? [])
        {
            regions |= Bit(country);
        }

        return regions;
    }

    /// <summary>The scopes (indexes into <see cref="All"/>) a seizure belongs to: always the national one.</summary>
    public static bool Includes(int regions, int scopeIndex) => scopeIndex == 0 || (regions & (1 << (scopeIndex - 1))) != 0;

    private static int Bit(string? country)
    {
        if (country is null || WcoRegions.RegionOf(country) is not { } region)
        {
            return 0;
        }

        for (var i = 0; i < WcoRegions.All.Count; i++)
        {
            if (string.Equals(WcoRegions.All[i], region, StringComparison.Ordinal))
            {
                return 1 << i;
            }
        }

        return 0;
    }
}
