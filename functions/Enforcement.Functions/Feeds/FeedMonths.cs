using System.Globalization;

namespace Enforcement.Functions.Feeds;

/// <summary>Month arithmetic on "YYYY-MM" (the seizures table's partition keys).</summary>
internal static class FeedMonths
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Add(string month, int months) =>
        DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(months).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Previous(string month) => Add(month, -1);

    public static string YearBefore(string month) => Add(month, -12);
}
