using System.Collections.Frozen;

namespace Enforcement.Functions.ReferenceData;

// The WCO's six regions and their members: 186 since Palau joined in February 2024, checked against the
// regional offices' lists and member counts; inferences and assumptions are marked where they are made.
// Members without an assigned ISO 3166-1 code cannot appear: Kosovo (XK, Europe) and the European Union.
internal static class WcoRegions
{
    public const string AsiaPacific = "AP";
    public const string Europe = "EUR";
    public const string NorthOfAfricaNearAndMiddleEast = "MENA";
    public const string WestAndCentralAfrica = "WCA";
    public const string EastAndSouthernAfrica = "ESA";
    public const string AmericasAndCaribbean = "AMC";

    public static IReadOnlyList<string> All { get; } =
    [
        AsiaPacific, Europe, NorthOfAfricaNearAndMiddleEast, WestAndCentralAfrica, EastAndSouthernAfrica, AmericasAndCaribbean,
    ];

    private static readonly FrozenDictionary<string, FrozenSet<string>> MembersByRegion =
        new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
        {
            [AsiaPacific] = Members(
                "AF", "BD", "BT", "IN", "IR", "LK", "MV", "NP", "PK",
                "CN", "HK", "JP", "KR", "MN", "MO",
                "BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "VN",
                "AU", "FJ", "NZ", "PG", "PW", "SB", "TL", "TO", "VU", "WS"),
            [Europe] = Members(
                "AD", "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
                "FR", "GB", "GE", "GR", "HR", "HU", "IE", "IL", "IS", "IT", "KG", "KZ", "LT", "LU", "LV", "MD", "ME",
                "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "TJ", "TM", "TR", "UA", "UZ"),
            [NorthOfAfricaNearAndMiddleEast] = Members(
                "AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SD", "SY", "TN",
                "YE"),
            // Inference: Mauritania is here, not in MENA; the WCA count of 24 (2022) and MENA count of 18 only add up so.
            [WestAndCentralAfrica] = Members(
                "BF", "BJ", "CD", "CF", "CG", "CI", "CM", "CV", "GA", "GH", "GM", "GN", "GQ", "GW", "LR", "ML", "MR",
                "NE", "NG", "SL", "SN", "ST", "TD", "TG"),
            [EastAndSouthernAfrica] = Members(
                "AO", "BI", "BW", "DJ", "ER", "ET", "KE", "KM", "LS", "MG", "MU", "MW", "MZ", "NA", "RW", "SC", "SO",
                "SS", "SZ", "TZ", "UG", "ZA", "ZM", "ZW"),
            // Assumption: the region's two customs territories are Bermuda and Curaçao (not Aruba); no source here named them.
            [AmericasAndCaribbean] = Members(
                "AR", "BB", "BM", "BO", "BR", "BS", "BZ", "CA", "CL", "CO", "CR", "CU", "CW", "DO", "EC", "GT", "GY",
                "HN", "HT", "JM", "LC", "MX", "NI", "PA", "PE", "PY", "SR", "SV", "TT", "US", "UY", "VE"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    // Enumerable.ToDictionary throws on a duplicate key, so a country filed under two regions fails at start-up.
    private static readonly FrozenDictionary<string, string> RegionByCountry = MembersByRegion
        .SelectMany(region => region.Value, (region, country) => (Country: country, Region: region.Key))
        .ToDictionary(member => member.Country, member => member.Region, StringComparer.Ordinal)
        .ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string region) => region is not null && MembersByRegion.ContainsKey(region);

    public static string? RegionOf(string countryAlpha2) =>
        countryAlpha2 is not null && RegionByCountry.TryGetValue(countryAlpha2, out var region) ? region : null;

    public static IReadOnlySet<string> CountriesOf(string region) =>
        region is not null && MembersByRegion.TryGetValue(region, out var countries) ? countries : FrozenSet<string>.Empty;

    private static FrozenSet<string> Members(params ReadOnlySpan<string> countries) =>
        FrozenSet.Create(StringComparer.Ordinal, countries);
}
