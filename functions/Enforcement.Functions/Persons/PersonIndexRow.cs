using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Persons;

/// <summary>
/// Tables "suspectindex" and "companyindex": every search is one or a few single-partition queries here.
/// PartitionKey is what is looked up, RowKey = "{facet}|{person id}" so that a facet narrows by RowKey range:
/// <list type="bullet">
/// <item>"doc|{NUMBER}" (suspects' identity documents) and "reg|{NUMBER}" (companies' registration numbers): the
/// number in upper case, letters and digits only; facet = the issuing country, "--" when unknown.</item>
/// <item>"t|{key}": one name token's transliteration key; "p|{key1}|{key2}": two keys of one name (key1 &lt; key2),
/// which stays selective where one token ("Muhammad", "Khan") is shared by a great many people. Facet = the birth
/// year ("1985", "----" unknown) for suspects, the country ("PK", "--") for companies.</item>
/// </list>
/// Name rows carry the person's folded names (<see cref="Names"/>) so that candidates are ranked before any record
/// is read. Written right after the record is committed and again by the record's event (the repair path);
/// <see cref="Version"/> keeps an older writer from removing a row a newer version needs.
/// </summary>
internal sealed class PersonIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string PersonId { get; set; } = string.Empty;

    public int Version { get; set; }

    /// <summary>Every name of the person, folded, one per line.</summary>
    public string? Names { get; set; }

    /// <summary>Suspects: the date of birth as recorded ("1985-03-14" or "1985"), for the duplicate guard.</summary>
    public string? BirthDate { get; set; }

    /// <summary>Document rows: the document type or registration scheme.</summary>
    public string? Detail { get; set; }

    public string Facet => RowKey[..RowKey.IndexOf('|', StringComparison.Ordinal)];

    public IReadOnlyList<NameMatching.FoldedName> FoldedNames() =>
        (Names ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(NameMatching.FoldedName.FromText).ToList();
}

/// <summary>Builds the index rows of one person; each kind knows which of its facts are looked up.</summary>
internal static class PersonIndexRows
{
    public const string DocumentPrefix = "doc|";
    public const string RegistrationPrefix = "reg|";
    public const string UnknownCountry = "--";

    /// <summary>Pairs are built from at most this many keys of one name (15 pairs).</summary>
    public const int MaxKeysPerName = 6;

    /// <summary>A number as it is looked up: upper case, letters and digits only ("35202-1234567-1" = "3520212345671").</summary>
    public static string NumberKey(string number) => new(number.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    public static string RowKey(string facet, string personId) => $"{facet}|{personId}";

    public static string TokenPartition(string key) => $"t|{key}";

    public static string PairPartition(string first, string second) =>
        string.CompareOrdinal(first, second) < 0 ? $"p|{first}|{second}" : $"p|{second}|{first}";

    /// <summary>The partitions a name is found under: each key, and each pair of keys.</summary>
    public static IEnumerable<string> NamePartitions(NameMatching.FoldedName name) => NamePartitions(name.DistinctKeys.Take(MaxKeysPerName).ToList());

    public static IEnumerable<string> NamePartitions(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            yield return TokenPartition(key);
        }

        for (var i = 0; i < keys.Count; i++)
        {
            for (var j = i + 1; j < keys.Count; j++)
            {
                yield return PairPartition(keys[i], keys[j]);
            }
        }
    }

    /// <summary>The partition that finds exactly the names with these keys (and others containing them).</summary>
    public static string MostSelectivePartition(NameMatching.FoldedName name)
    {
        var keys = name.DistinctKeys;
        return keys.Count == 1 ? TokenPartition(keys[0]) : PairPartition(keys[0], keys[1]);
    }

    public static IEnumerable<PersonIndexRow> ForNames(string personId, int version, IReadOnlyList<NameMatching.FoldedName> names, string facet, string? birthDate)
    {
        var text = string.Join('\n', names.Select(n => n.Text).Distinct(StringComparer.Ordinal));
        return names.SelectMany(NamePartitions).Distinct(StringComparer.Ordinal).Select(partition => new PersonIndexRow
        {
            PartitionKey = partition,
            RowKey = RowKey(facet, personId),
            PersonId = personId,
            Version = version,
            Names = text,
            BirthDate = birthDate,
        });
    }

    public static PersonIndexRow ForNumber(string prefix, string personId, int version, string number, string? country, string? detail) => new()
    {
        PartitionKey = prefix + NumberKey(number),
        RowKey = RowKey(country ?? UnknownCountry, personId),
        PersonId = personId,
        Version = version,
        Detail = detail,
    };
}
