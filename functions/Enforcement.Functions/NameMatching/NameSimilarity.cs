namespace Enforcement.Functions.NameMatching;

/// <summary>
/// How close a candidate's name is to the name searched for, from 0 to 1, regardless of word order. Each token is
/// paired with its best counterpart on the other side: the same spelling scores 1, the same transliteration key 0.9
/// plus a tenth of the spellings' Jaro-Winkler similarity (so "Mohammed" ranks just below "Muhammad" for a Muhammad
/// query), anything else 0.9 × Jaro-Winkler² (a near miss keeps most of its weight, another name little). The score
/// is three quarters the mean over the query's tokens and one quarter the mean over the candidate's: a candidate
/// with an extra name part (a middle name) still ranks high, one that lacks a part the query has ranks low, and a
/// shared family name alone does not make a match ("Mahmood Khan" for "Muhammad Khan" scores about 0.75).
/// </summary>
internal static class NameSimilarity
{
    public static double Score(FoldedName query, FoldedName candidate)
    {
        if (query.IsEmpty || candidate.IsEmpty)
        {
            return 0;
        }

        var found = 0.0;
        for (var i = 0; i < query.Tokens.Count; i++)
        {
            found += Best(query.Tokens[i], query.Keys[i], candidate);
        }

        var matched = 0.0;
        for (var i = 0; i < candidate.Tokens.Count; i++)
        {
            matched += Best(candidate.Tokens[i], candidate.Keys[i], query);
        }

        return (0.75 * found / query.Tokens.Count) + (0.25 * matched / candidate.Tokens.Count);
    }

    /// <summary>The best score of <paramref name="query"/> against any of a record's names.</summary>
    public static double Best(FoldedName query, IEnumerable<FoldedName> names) => names.Select(n => Score(query, n)).DefaultIfEmpty(0).Max();

    private static double Best(string token, string key, FoldedName other)
    {
        var best = 0.0;
        for (var j = 0; j < other.Tokens.Count; j++)
        {
            var score = token == other.Tokens[j] ? 1.0
                : key == other.Keys[j] ? 0.9 + (0.1 * JaroWinkler(token, other.Tokens[j]))
                : 0.9 * Math.Pow(JaroWinkler(token, other.Tokens[j]), 2);
            best = Math.Max(best, score);
        }

        return best;
    }

    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = stackalloc bool[a.Length];
        Span<bool> bMatched = stackalloc bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[j])
            {
                j++;
            }

            if (a[i] != b[j])
            {
                transpositions++;
            }

            j++;
        }

        var m = (double)matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }
}
