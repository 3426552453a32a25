using System.Collections.Frozen;

namespace Enforcement.Functions.Seizures;

/// <summary>The code lists of a seizure record (lower-case, hyphenated, as they appear in the JSON).</summary>
internal static class SeizureCodes
{
    public static readonly FrozenSet<string> Procedures = Set("import", "export", "transit", "passenger", "postal", "courier");

    public static readonly FrozenSet<string> DetectionMethods = Set(
        "risk-profiling", "intelligence", "nii-scan", "canine", "physical-examination", "random-check", "document-check", "other");

    public static readonly FrozenSet<string> Categories = Set(
        "drugs", "precursors", "tobacco", "alcohol", "weapons", "ammunition", "explosives", "currency", "wildlife-cites",
        "counterfeit-ipr", "strategic-dual-use", "cultural-property", "other");

    public static readonly FrozenSet<string> Units = Set("kg", "g", "l", "ml", "pieces", "cartons", "sticks", "heads");

    public static readonly FrozenSet<string> ConveyanceModes = Set("sea", "air", "road", "rail", "postal", "pedestrian");

    public static readonly FrozenSet<string> ConcealmentMethods = Set(
        "body", "body-internal", "baggage", "baggage-false-bottom", "clothing", "inside-goods", "mixed-with-goods", "container-structure",
        "vehicle-compartment", "vehicle-structure", "postal-item", "courier-parcel", "hidden-in-cargo", "false-declaration", "none", "other");

    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);
}
