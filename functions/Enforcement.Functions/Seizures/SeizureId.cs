using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Seizures;

/// <summary>
/// "SZ-202611-01JD3XQ5ZK8M4T7R2B": the month the seizure happened (its partition), then a time-ordered random part
/// (48-bit milliseconds and 40 random bits in Crockford base32), so a GET by id is one point read and a month's
/// records list in the order they were recorded.
/// </summary>
internal readonly record struct SeizureId(string Value)
{
    private const string Alphabet = TimeOrderedKey.Alphabet;

    public string Month => $"{Value[3..7]}-{Value[7..9]}";

    public string PartitionKey => Month;

    public string RowKey => Value;

    public static SeizureId New(string month, DateTimeOffset now)
    {
        return new SeizureId($"SZ-{month[..4]}{month[5..7]}-{TimeOrderedKey.New(now)}");
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out SeizureId? id)
    {
        id = null;
        if (value is null || value.Length != 28 || !value.StartsWith("SZ-", StringComparison.Ordinal) || value[9] != '-')
        {
            return false;
        }

        if (!int.TryParse(value.AsSpan(3, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(value.AsSpan(7, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1900 || month is < 1 or > 12)
        {
            return false;
        }

        foreach (var c in value.AsSpan(10))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        id = new SeizureId(value);
        return true;
    }

    public override string ToString() => Value;
}

/// <summary>Months are "YYYY-MM"; they are the seizures table's partition keys.</summary>
internal static class SeizureMonth
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out string? month)
    {
        month = null;
        if (value is null || !DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year < 1900)
        {
            return false;
        }

        month = parsed.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The month as the officer's own calendar shows it: the local date of seizedAt with its offset.</summary>
    public static string Of(DateTimeOffset seizedAt) => seizedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
