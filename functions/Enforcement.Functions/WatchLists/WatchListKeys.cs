using Enforcement.Functions.Conveyances;
using Enforcement.Functions.NameMatching;
using Enforcement.Functions.Persons;

namespace Enforcement.Functions.WatchLists;

/// <summary>The index partitions of watch-list entries and of the things screened against them: both sides use these
/// same functions, so an entry is found exactly where a subject looks.</summary>
internal static class WatchListKeys
{
    public const string Any = "*";

    public static IEnumerable<string> PersonName(FoldedName name) => PersonIndexRows.NamePartitions(name).Select(p => "n|" + p);

    public static IEnumerable<string> PersonNameQuery(FoldedName name) =>
        PersonIndexRows.NamePartitions(name.DistinctKeys.Take(PersonSearch.MaxQueryKeys).ToList()).Select(p => "n|" + p);

    public static IEnumerable<string> CompanyName(FoldedName name) => PersonIndexRows.NamePartitions(name).Select(p => "c|" + p);

    public static IEnumerable<string> CompanyNameQuery(FoldedName name) =>
        PersonIndexRows.NamePartitions(name.DistinctKeys.Take(PersonSearch.MaxQueryKeys).ToList()).Select(p => "c|" + p);

    public static string Document(string number) => "doc|" + PersonIndexRows.NumberKey(number);

    public static string Registration(string number) => "reg|" + PersonIndexRows.NumberKey(number);

    public static string Identifier(string scheme, string value) => $"id|{scheme}|{value}";

    public static string VesselName(string name) => Identifier(ConveyanceValidator.VesselName, ConveyanceValidator.VesselNameKey(name));

    public static string Phone(string e164) => "tel|" + e164;

    public static string Route(string? from, string? to) => $"route|{from ?? Any}|{to ?? Any}";

    /// <summary>The route partitions a journey from one country to another is found under.</summary>
    public static IEnumerable<string> RouteQuery(IReadOnlyList<string> departures, IReadOnlyList<string> destinations)
    {
        foreach (var from in departures)
        {
            yield return Route(from, null);
            foreach (var to in destinations)
            {
                yield return Route(from, to);
            }
        }

        foreach (var to in destinations)
        {
            yield return Route(null, to);
        }
    }
}
