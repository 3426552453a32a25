using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Enforcement.Functions.NameMatching;

/// <summary>
/// Folds a natural person's name: the text rules of <see cref="NameText"/>, then the conventions of Arabic, Urdu and
/// Persian names in Latin letters. Articles before a name part are dropped (al-/el-/ar-/ash-... Rashid = Al-Rashid);
/// "bin", "ibn", "bint" and "s/o", "d/o", "w/o" are connectors, not names; leading titles (Mr, Dr...) are dropped;
/// the "Abd" compounds are joined and their article removed (Abdul Rahman = Abd al-Rahman = Abdur Rahman =
/// Abdurrahman = Abdel Rahman → "abdrahman"); "ud-Din" compounds are joined (Nizam ud Din = Nizamuddin).
/// </summary>
internal static partial class PersonNameFolding
{
    private static readonly FrozenSet<string> Articles = FrozenSet.Create(StringComparer.Ordinal,
        "al", "el", "ul", "il", "ar", "as", "ash", "ad", "at", "az", "an", "ud", "ed", "ur");

    private static readonly FrozenSet<string> Connectors = FrozenSet.Create(StringComparer.Ordinal, "bin", "ibn", "bint", "binti");

    private static readonly FrozenSet<string> Titles = FrozenSet.Create(StringComparer.Ordinal, "mr", "mrs", "ms", "miss", "dr", "mst");

    private static readonly FrozenSet<string> AbdForms = FrozenSet.Create(StringComparer.Ordinal,
        "abd", "abdul", "abdel", "abdal", "abdol", "abdur", "abdar", "abdus", "abdas", "abduz", "abdun", "abdu");

    private static readonly FrozenSet<string> Din = FrozenSet.Create(StringComparer.Ordinal, "din", "deen", "dean", "dyn");

    private static readonly string[] DinSuffixes = ["uddin", "udin", "uldin", "eddin", "edin", "addin", "aldin", "uddeen", "udeen", "uldeen"];

    public static FoldedName Fold(string? text)
    {
        var raw = NameText.Tokens(text is null ? null : Kinship().Replace(text, " "));
        var tokens = new List<string>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var token = raw[i];
            var isLast = i == raw.Count - 1;
            if ((tokens.Count == 0 && Titles.Contains(token) && !isLast) || (Connectors.Contains(token) && tokens.Count > 0 && !isLast))
            {
                continue;
            }

            if ((Din.Contains(token) || DinSuffixes.Contains(token)) && tokens.Count > 0)
            {
                // "Nizam ud Din": the article was dropped already; the part belongs to the name before it.
                tokens[^1] += "uddin";
                continue;
            }

            if (Articles.Contains(token) && !isLast)
            {
                continue;
            }

            if (AbdForms.Contains(token) && !isLast)
            {
                var next = i + 1;
                if (Articles.Contains(raw[next]) && next + 1 < raw.Count)
                {
                    next++;
                }

                tokens.Add(Abd("abd" + raw[next]));
                i = next;
                continue;
            }

            tokens.Add(token.StartsWith("abd", StringComparison.Ordinal) ? Abd(token) : DinSuffix(token));
        }

        return new FoldedName(tokens.Take(NameText.MaxTokens).ToList());
    }

    /// <summary>"abdulrahman", "abdurrahman", "abdelrahman", "abdallah" → "abdrahman", "abdlah": after "abd", a vowel
    /// and the article's l (or the sun letter it assimilated to, written doubled) are not part of the name.</summary>
    private static string Abd(string token)
    {
        var rest = token[3..];
        if (rest.Length > 3 && IsVowel(rest[0]))
        {
            var afterVowel = rest[1..];
            if (afterVowel[0] == 'l' || (afterVowel[0] == afterVowel[1] && !IsVowel(afterVowel[0])))
            {
                rest = afterVowel[1..];
            }
        }

        return "abd" + rest;
    }

    private static string DinSuffix(string token)
    {
        foreach (var suffix in DinSuffixes)
        {
            if (token.Length > suffix.Length + 2 && token.EndsWith(suffix, StringComparison.Ordinal))
            {
                return token[..^suffix.Length] + "uddin";
            }
        }

        return token;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    [GeneratedRegex(@"\b[sdw]/o\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Kinship();
}
