using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Enforcement.Functions.Statistics;

/// <summary>A month ("2026-11"), quarter ("2026-Q4") or year ("2026"): the periods aggregates are kept for.</summary>
internal sealed record StatisticsPeriod(string Kind, int Year, int Number)
{
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Year_ = "year";

    public static readonly string[] Kinds = [Month, Quarter, Year_];

    public override string ToString() => Kind switch
    {
        Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>The comparable period before this one (the month, quarter or year before).</summary>
    public StatisticsPeriod Previous() => Kind switch
    {
        Month => Number == 1 ? this with { Year = Year - 1, Number = 12 } : this with { Number = Number - 1 },
        Quarter => Number == 1 ? this with { Year = Year - 1, Number = 4 } : this with { Number = Number - 1 },
        _ => this with { Year = Year - 1 },
    };

    public StatisticsPeriod YearBefore() => this with { Year = Year - 1 };

    /// <summary>The month, quarter and year a seizure month ("2026-11") counts in.</summary>
    public static IEnumerable<StatisticsPeriod> Containing(string month)
    {
        var year = int.Parse(month.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var number = int.Parse(month.AsSpan(5, 2), CultureInfo.InvariantCulture);
        yield return new StatisticsPeriod(Month, year, number);
        yield return new StatisticsPeriod(Quarter, year, ((number - 1) / 3) + 1);
        yield return new StatisticsPeriod(Year_, year, 0);
    }

    /// <summary>Parses "2026-11", "2026-Q4" or "2026" (the kind follows from the form).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out StatisticsPeriod? period)
    {
        period = null;
        value = value?.Trim().ToUpperInvariant();
        if (value is null || value.Length < 4 || !int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1950 || year > 2200)
        {
            return false;
        }

        if (value.Length == 4)
        {
            period = new StatisticsPeriod(Year_, year, 0);
        }
        else if (value.Length == 7 && value[4] == '-' && value[5] == 'Q' && value[6] is >= '1' and <= '4')
        {
            period = new StatisticsPeriod(Quarter, year, value[6] - '0');
        }
        else if (value.Length == 7 && value[4] == '-' && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = new StatisticsPeriod(Month, year, month);
        }

        return period is not null;
    }
}
