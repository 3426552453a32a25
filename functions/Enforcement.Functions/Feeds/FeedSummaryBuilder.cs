namespace Enforcement.Functions.Feeds;

/// <summary>Keeps a scope's counts while the month streams past (memory grows with distinct keys, not records),
/// then compares them with the neighbouring months' summaries.</summary>
internal sealed class FeedSummaryBuilder
{
    private readonly Dictionary<Key, Tally> _categoryUnits = [];
    private readonly Dictionary<Key, Tally> _detection = [];
    private readonly Dictionary<Key, Tally> _concealment = [];
    private readonly Dictionary<Key, Tally> _conveyance = [];
    private readonly Dictionary<Key, Tally> _routes = [];
    private readonly Dictionary<Key, Tally> _offices = [];
    private readonly HashSet<Key> _seen = [];
    private int _seizures;
    private int _items;

    public int Seizures => _seizures;

    public int Items => _items;

    public void Add(FeedRecord record)
    {
        _seizures++;
        _items += record.Items.Count;
        Count(_detection, new Key(record.DetectionMethod, null));
        Count(_concealment, new Key(record.ConcealmentMethod, null));
        Count(_conveyance, new Key(record.Conveyance?.Mode, null));
        Count(_routes, new Key(record.Route?.DepartureCountry, record.Route?.DestinationCountry));
        Count(_offices, new Key(record.Office, null));

        // A seizure counts once per category and unit however many of its items share them.
        _seen.Clear();
        foreach (var item in record.Items)
        {
            var key = new Key(item.Category, item.Unit);
            var tally = Get(_categoryUnits, key);
            tally.Items++;
            tally.Quantity += item.Quantity;
            if (_seen.Add(key))
            {
                tally.Seizures++;
            }
        }
    }

    public FeedSummary Build(string scope, string month, FeedSummary? previous, FeedSummary? yearBefore) => new(
        scope,
        month,
        new FeedComparison(FeedMonths.Previous(month), previous is not null, FeedMonths.YearBefore(month), yearBefore is not null),
        new FeedTotals(_seizures, _items,
            previous is null ? null : new TotalsChange(_seizures - previous.Totals.Seizures, _items - previous.Totals.Items),
            yearBefore is null ? null : new TotalsChange(_seizures - yearBefore.Totals.Seizures, _items - yearBefore.Totals.Items)),
        Rows(_categoryUnits, previous?.ByCategoryAndUnit.Select(Of), yearBefore?.ByCategoryAndUnit.Select(Of),
            (key, now, before, yearAgo) => new CategoryUnitCount(key.A!, key.B!, now.Seizures, now.Items, now.Quantity, QuantityDelta(now, before), QuantityDelta(now, yearAgo))),
        KeyRows(_detection, previous?.ByDetectionMethod, yearBefore?.ByDetectionMethod),
        KeyRows(_concealment, previous?.ByConcealmentMethod, yearBefore?.ByConcealmentMethod),
        KeyRows(_conveyance, previous?.ByConveyanceMode, yearBefore?.ByConveyanceMode),
        Rows(_routes, previous?.ByRoute.Select(Of), yearBefore?.ByRoute.Select(Of),
            (key, now, before, yearAgo) => new RouteCount(key.A, key.B, now.Seizures, CountDelta(now, before), CountDelta(now, yearAgo))),
        KeyRows(_offices, previous?.ByOffice, yearBefore?.ByOffice));

    private static List<KeyCount> KeyRows(Dictionary<Key, Tally> current, IReadOnlyList<KeyCount>? previous, IReadOnlyList<KeyCount>? yearBefore) =>
        Rows(current, previous?.Select(Of), yearBefore?.Select(Of),
            (key, now, before, yearAgo) => new KeyCount(key.A, now.Seizures, CountDelta(now, before), CountDelta(now, yearAgo)));

    /// <summary>One row per key of any of the three months; a comparison month that has a feed but not the key counts 0.</summary>
    private static List<TRow> Rows<TRow>(
        Dictionary<Key, Tally> current,
        IEnumerable<(Key Key, Tally Tally)>? previous,
        IEnumerable<(Key Key, Tally Tally)>? yearBefore,
        Func<Key, Tally, Tally?, Tally?, TRow> row)
    {
        // Zero rows of a comparison month are its own carried-over keys: counting them again would keep a key forever.
        var before = previous?.Where(p => p.Tally.Seizures > 0).ToDictionary(p => p.Key, p => p.Tally);
        var yearAgo = yearBefore?.Where(p => p.Tally.Seizures > 0).ToDictionary(p => p.Key, p => p.Tally);
        var keys = new HashSet<Key>(current.Keys);
        keys.UnionWith(before?.Keys ?? Enumerable.Empty<Key>());
        keys.UnionWith(yearAgo?.Keys ?? Enumerable.Empty<Key>());
        return keys
            .Select(key => (Key: key, Now: current.GetValueOrDefault(key) ?? new Tally()))
            .OrderByDescending(k => k.Now.Seizures)
            .ThenBy(k => k.Key.A ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(k => k.Key.B ?? "\uffff", StringComparer.Ordinal)
            .Select(k => row(k.Key, k.Now,
                before is null ? null : before.GetValueOrDefault(k.Key) ?? new Tally(),
                yearAgo is null ? null : yearAgo.GetValueOrDefault(k.Key) ?? new Tally()))
            .ToList();
    }

    private static CountChange? CountDelta(Tally now, Tally? then) => then is null ? null : new CountChange(now.Seizures - then.Seizures);

    private static QuantityChange? QuantityDelta(Tally now, Tally? then) =>
        then is null ? null : new QuantityChange(now.Seizures - then.Seizures, now.Items - then.Items, now.Quantity - then.Quantity);

    private static (Key, Tally) Of(CategoryUnitCount row) => (new Key(row.Category, row.Unit), new Tally { Seizures = row.Seizures, Items = row.Items, Quantity = row.Quantity });

    private static (Key, Tally) Of(RouteCount row) => (new Key(row.DepartureCountry, row.DestinationCountry), new Tally { Seizures = row.Seizures });

    private static (Key, Tally) Of(KeyCount row) => (new Key(row.Key, null), new Tally { Seizures = row.Seizures });

    private static void Count(Dictionary<Key, Tally> tallies, Key key) => Get(tallies, key).Seizures++;

    private static Tally Get(Dictionary<Key, Tally> tallies, Key key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new Tally();
        }

        return tally;
    }

    private readonly record struct Key(string? A, string? B);

    private sealed class Tally
    {
        public int Seizures { get; set; }

        public int Items { get; set; }

        public decimal Quantity { get; set; }
    }
}
