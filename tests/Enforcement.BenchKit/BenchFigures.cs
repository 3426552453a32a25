using System.Globalization;

namespace Enforcement.BenchKit;

/// <summary>How benchmarks print their figures and read their command-line numbers, the same way in every report.</summary>
public static class BenchFigures
{
    public static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.0} MB");

    public static string Ratio(double measured, double baseline) =>
        baseline <= 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{measured / baseline:0.00}x");

    /// <summary>The value after <paramref name="name"/> (e.g. <c>--count 1000</c>), or the fallback when absent.</summary>
    public static int Argument(IReadOnlyList<string> args, string name, int fallback)
    {
        var index = args.ToList().IndexOf(name);
        if (index < 0)
        {
            return fallback;
        }

        return index + 1 < args.Count && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} needs a whole number.");
    }
}
