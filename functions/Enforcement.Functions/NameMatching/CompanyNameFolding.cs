using System.Collections.Frozen;

namespace Enforcement.Functions.NameMatching;

/// <summary>
/// Folds a company name: the text rules of <see cref="NameText"/>, then legal-form and generic trading words at the
/// end are dropped (Ltd, Limited, Pvt, Private, LLC, FZE, FZCO, FZ-LLC, Co, Inc, Corp, GmbH, SA, SARL, PLC, LLP,
/// Trading, Traders, Est...), as are "M/s" (Messrs) and "The" in front and Arabic articles ("Al Noor" = "Noor").
/// At least one word is always kept.
/// </summary>
internal static class CompanyNameFolding
{
    private static readonly FrozenSet<string> LegalForms = FrozenSet.Create(StringComparer.Ordinal,
        "ltd", "limited", "pvt", "pvte", "private", "llc", "fze", "fzco", "fz", "fzc", "dmcc", "co", "company", "inc", "incorporated",
        "corp", "corporation", "gmbh", "ag", "kg", "sa", "sarl", "sas", "srl", "spa", "bv", "nv", "plc", "llp", "lp", "pte", "pty",
        "bhd", "sdn", "oy", "ab", "aps", "as", "jsc", "ojsc", "pjsc", "ooo", "est", "establishment", "trading", "traders", "trade",
        "and", "smc", "wll", "spc", "saoc", "ltda", "cie", "et", "kft", "sro", "doo", "zao", "tic", "sti", "ve", "international", "intl");

    private static readonly FrozenSet<string> Leading = FrozenSet.Create(StringComparer.Ordinal, "the", "ms", "messrs");

    private static readonly FrozenSet<string> Articles = FrozenSet.Create(StringComparer.Ordinal, "al", "el");

    public static FoldedName Fold(string? text)
    {
        var raw = JoinInitials(NameText.Tokens(text));

        while (raw.Count > 1 && Leading.Contains(raw[0]))
        {
            raw.RemoveAt(0);
        }

        while (raw.Count > 1 && LegalForms.Contains(raw[^1]))
        {
            raw.RemoveAt(raw.Count - 1);
        }

        var tokens = raw.Where((t, i) => !(Articles.Contains(t) && i < raw.Count - 1)).Take(NameText.MaxTokens).ToList();
        return new FoldedName(tokens);
    }

    /// <summary>Dotted abbreviations split into letters: "L.L.C." → "llc", "S.A." → "sa", "M/s" → "ms".</summary>
    private static List<string> JoinInitials(IReadOnlyList<string> tokens)
    {
        var joined = new List<string>(tokens.Count);
        var run = string.Empty;
        foreach (var token in tokens)
        {
            if (token.Length == 1)
            {
                run += token;
                continue;
            }

            if (run.Length > 0)
            {
                joined.Add(run);
                run = string.Empty;
            }

            joined.Add(token);
        }

        if (run.Length > 0)
        {
            joined.Add(run);
        }

        return joined;
    }
}
