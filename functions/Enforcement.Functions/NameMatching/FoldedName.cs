namespace Enforcement.Functions.NameMatching;

/// <summary>A name reduced for matching: its significant tokens (lower case, no diacritics, particles removed,
/// compounds joined) and each token's transliteration key. Word order does not matter to any comparison.</summary>
internal sealed record FoldedName(IReadOnlyList<string> Tokens)
{
    public IReadOnlyList<string> Keys { get; } = Tokens.Select(TransliterationKey.Of).ToList();

    public bool IsEmpty => Tokens.Count == 0;

    /// <summary>The distinct keys in a stable order: what the index is keyed by.</summary>
    public IReadOnlyList<string> DistinctKeys => Keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Two names are "the same normalized name" when their key sets are equal.</summary>
    public bool SameKeysAs(FoldedName other) => DistinctKeys.SequenceEqual(other.DistinctKeys, StringComparer.Ordinal);

    /// <summary>Stored in index rows, one name per line, and read back for ranking.</summary>
    public string Text => string.Join(' ', Tokens);

    public static FoldedName FromText(string text) => new(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
