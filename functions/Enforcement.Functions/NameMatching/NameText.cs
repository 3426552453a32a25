using System.Globalization;
using System.Text;

namespace Enforcement.Functions.NameMatching;

/// <summary>
/// The first step of every name comparison: lower case, diacritics removed (Latin letters folded to their base
/// letters by <see cref="LatinLetters"/>, combining marks dropped), apostrophes and ayn/hamza marks joined
/// ("Ja'far" = "Jafar"), every other punctuation a word break. Letters of other scripts pass through unchanged.
/// </summary>
internal static class NameText
{
    public const int MaxTokens = 12;
    public const int MaxTokenLength = 40;

    public static IReadOnlyList<string> Tokens(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (LatinLetters.Fold(c) is { } letters)
            {
                folded.Append(letters);
            }
            else if (char.IsLetterOrDigit(lower))
            {
                folded.Append(lower);
            }
            else if (!IsJoiningMark(lower))
            {
                folded.Append(' ');
            }
        }

        return folded.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Length > MaxTokenLength ? t[..MaxTokenLength] : t)
            .Take(MaxTokens * 2)
            .ToList();
    }

    // Apostrophes and the modifier letters used for ayn and hamza in romanised Arabic ('Abd, Ja'far, Qur'an).
    private static bool IsJoiningMark(char c) => c is '\'' or '\u2019' or '\u2018' or '`' or '\u02BF' or '\u02BE' or '\u02BB' or '\u02BC';
}
