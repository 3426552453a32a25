using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Persons;

/// <summary>
/// "SU-01JD3XQ5ZK8M4T7R2B" (suspect) or "CO-..." (company): the kind, then a time-ordered random part (48-bit
/// milliseconds and 40 random bits in Crockford base32). Nothing about the person is in it. The month the id was
/// made is its table partition, so a read by id is one point read.
/// </summary>
internal readonly record struct PersonId(string Value)
{
    private const string Alphabet = TimeOrderedKey.Alphabet;
    private const int Length = 21;

    public PersonKind Kind => PersonKind.FromPrefix(Value[..2])!;

    public string PartitionKey => CreatedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string RowKey => Value;

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(TimePart(Value));

    public static PersonId New(PersonKind kind, DateTimeOffset now)
    {
        return new PersonId($"{kind.IdPrefix}-{TimeOrderedKey.New(now)}");
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out PersonId? id) => TryParse(value, null, out id);

    /// <summary>Parses an id, optionally only of the given kind.</summary>
    public static bool TryParse(string? value, PersonKind? kind, [NotNullWhen(true)] out PersonId? id)
    {
        id = null;
        if (value is null || value.Length != Length || value[2] != '-' || PersonKind.FromPrefix(value[..2]) is not { } parsedKind
            || (kind is not null && parsedKind != kind))
        {
            return false;
        }

        foreach (var c in value.AsSpan(3))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        // 10 characters hold 50 bits; a time beyond 48 bits or before 2020 was never issued.
        var time = TimePart(value);
        if (time is < 1_577_836_800_000L or >= 1L << 48)
        {
            return false;
        }

        id = new PersonId(value);
        return true;
    }

    private static long TimePart(string value)
    {
        long time = 0;
        foreach (var c in value.AsSpan(3, 10))
        {
            time = (time << 5) | (long)Alphabet.IndexOf(c, StringComparison.Ordinal);
        }

        return time;
    }

    public override string ToString() => Value;
}
