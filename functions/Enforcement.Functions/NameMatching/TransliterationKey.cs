using System.Collections.Frozen;
using System.Text;

namespace Enforcement.Functions.NameMatching;

/// <summary>
/// A phonetic key for one folded name token, so that common romanisations of the same Arabic, Urdu or Persian name
/// share it: Muhammad/Mohammad/Mohammed/Muhammed/Mohamed → "mhmd", Khan/Khaan/Kahn → "kn", Siddiqui/Siddiqi → "sdk",
/// Chaudhry/Chowdhury → "cdr", Yusuf/Yousuf/Youssef → "ysf". Vowels carry little information in romanised names
/// ("ou"/"u", "ee"/"i", "e"/"a" all vary), so the key is the consonant skeleton with these folds: doubled letters
/// once; kh→k, gh→g, ph→f, th→t, dh→d, zh→j, q/ck/c→k, sh→x, ch→c; h kept only between vowels or at the start
/// (elsewhere it marks aspiration or a long vowel); y a vowel except at the start; w after a vowel and before a
/// consonant a vowel (Chowdhury), else v; a leading vowel becomes "a" (Umar/Omar, Imran/Emran). Tokens of other
/// scripts are their own key.
/// </summary>
internal static class TransliterationKey
{
    public const int MaxLength = 40;

    // Abbreviations and spellings the rules cannot reach.
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["md"] = "mhmd", ["mhd"] = "mhmd", ["mohd"] = "mhmd", ["muhd"] = "mhmd", ["mohmd"] = "mhmd",
        ["mehmet"] = "mhmd", ["mehmed"] = "mhmd", ["mahomed"] = "mhmd",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Of(string token)
    {
        if (Aliases.TryGetValue(token, out var alias))
        {
            return alias;
        }

        if (!token.All(char.IsAsciiLetterLower))
        {
            return token.Length > MaxLength ? token[..MaxLength] : token;
        }

        var letters = Collapse(Digraphs(Collapse(token.Replace("x", "ks", StringComparison.Ordinal))));
        var key = new StringBuilder(letters.Length);
        for (var i = 0; i < letters.Length; i++)
        {
            var c = letters[i];
            var previousIsVowel = i > 0 && IsVowel(letters, i - 1);
            var nextIsVowel = i + 1 < letters.Length && IsVowel(letters, i + 1);
            if (i == 0)
            {
                key.Append(IsVowel(letters, 0) ? 'a' : c == 'w' ? 'v' : c);
            }
            else if (IsVowel(letters, i))
            {
                continue;
            }
            else if (c == 'h')
            {
                if (previousIsVowel && nextIsVowel)
                {
                    key.Append('h');
                }
            }
            else if (c == 'w')
            {
                if (!previousIsVowel || nextIsVowel)
                {
                    key.Append('v');
                }
            }
            else
            {
                key.Append(c);
            }
        }

        // Letters doubled only once vowels are gone stay doubled: Mahmood ("mmd") is not Muhammad ("mhmd").
        var result = key.Length == 0 ? token : key.ToString();
        return result.Length > MaxLength ? result[..MaxLength] : result;
    }

    private static string Digraphs(string s)
    {
        // Upper case marks a folded sound so that later single-letter rules leave it alone.
        var folded = s
            .Replace("sch", "X", StringComparison.Ordinal)
            .Replace("sh", "X", StringComparison.Ordinal)
            .Replace("ch", "C", StringComparison.Ordinal)
            .Replace("kh", "K", StringComparison.Ordinal)
            .Replace("gh", "G", StringComparison.Ordinal)
            .Replace("ph", "F", StringComparison.Ordinal)
            .Replace("th", "T", StringComparison.Ordinal)
            .Replace("dh", "D", StringComparison.Ordinal)
            .Replace("zh", "J", StringComparison.Ordinal)
            .Replace("ck", "K", StringComparison.Ordinal)
            .Replace('q', 'k')
            .Replace('c', 'k');

        // An h after any other consonant marks aspiration (Bhatti = Batti, Jhang = Jang).
        var result = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            if (folded[i] == 'h' && i > 0 && !IsVowelChar(folded[i - 1]) && folded[i - 1] != 'h')
            {
                continue;
            }

            result.Append(folded[i]);
        }

        return result.ToString().Replace('X', 'x').Replace('C', 'c').Replace('K', 'k').Replace('G', 'g')
            .Replace('F', 'f').Replace('T', 't').Replace('D', 'd').Replace('J', 'j');
    }

    private static string Collapse(string s)
    {
        var result = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (result.Length == 0 || result[^1] != c)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static bool IsVowel(string s, int i) => IsVowelChar(s[i]) || (s[i] == 'y' && i > 0);

    private static bool IsVowelChar(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
