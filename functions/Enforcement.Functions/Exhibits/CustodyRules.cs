using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Enforcement.Functions.Exhibits;

/// <summary>The custody event types, who must be named, how many signed witnesses each needs, and the terminal states.</summary>
internal static class CustodyRules
{
    public const string Seize = "seize";
    public const string Seal = "seal";
    public const string Transfer = "transfer";
    public const string CheckOut = "check-out";
    public const string CheckIn = "check-in";
    public const string Sample = "sample";
    public const string LabSubmitted = "lab-submitted";
    public const string LabResult = "lab-result";
    public const string ProducedInCourt = "produced-in-court";
    public const string Returned = "returned";
    public const string Destroyed = "destroyed";

    public static readonly string[] Types = [Seize, Seal, Transfer, CheckOut, CheckIn, Sample, LabSubmitted, LabResult, ProducedInCourt, Returned, Destroyed];

    public static readonly string[] Terminal = [Returned, Destroyed];

    /// <summary>Signed witnesses each event needs (destruction: two, as drug disposal rules ask).</summary>
    public static int WitnessesRequired(string type) => type switch
    {
        Seize or Seal or Transfer or Sample or Returned => 1,
        Destroyed => 2,
        _ => 0,
    };

    /// <summary>Whether the event must name the next custodian ("to"): required, optional (absent = none, e.g. in the
    /// post to the laboratory), or kept (the holder does not change).</summary>
    public static Recipient RecipientOf(string type) => type switch
    {
        Seize or Transfer or CheckOut or CheckIn or Returned => Recipient.Required,
        LabSubmitted or LabResult or ProducedInCourt => Recipient.Optional,
        Destroyed => Recipient.None,
        _ => Recipient.Kept,
    };

    /// <summary>Categories whose destruction needs a retained sample.</summary>
    public static readonly string[] SampleBeforeDestruction = ["drugs", "precursors"];

    public static string HashOf(CustodyEventEntity e, string exhibitId)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            exhibitId, e.Sequence, e.Type, e.From, e.To, e.Site, e.At.UtcDateTime.ToString("O"), e.Condition, e.SealsBroken, e.SealsApplied,
            e.Witnesses, e.Reason, e.OrderDocumentId, e.CertificateDocumentId, e.RecordedBy, e.RecordedAt.UtcDateTime.ToString("O"), e.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Periods the chain does not account for, in sequence order: after an event that leaves nobody holding a
    /// non-terminal exhibit until the next one; and wherever an event is dated before the one it follows.</summary>
    public static IReadOnlyList<CustodyGap> Gaps(IReadOnlyList<CustodyEventEntity> chain)
    {
        var gaps = new List<CustodyGap>();
        string? holder = null;
        for (var i = 0; i < chain.Count; i++)
        {
            var e = chain[i];
            var previousHolder = holder;
            holder = RecipientOf(e.Type) switch
            {
                Recipient.Kept => holder,
                Recipient.None => null,
                _ => e.To,
            };
            if (i > 0 && e.At < chain[i - 1].At)
            {
                gaps.Add(new CustodyGap("two-custodians", e.At, chain[i - 1].At, chain[i - 1].Sequence, new[] { previousHolder, e.To ?? e.From }.OfType<string>().Distinct().ToList()));
            }

            if (holder is null && !Terminal.Contains(e.Type))
            {
                gaps.Add(new CustodyGap("no-custodian", e.At, i + 1 < chain.Count ? chain[i + 1].At : null, e.Sequence, []));
            }
        }

        return gaps;
    }

    public static bool HashesIntact(IReadOnlyList<CustodyEventEntity> chain, string exhibitId)
    {
        var previous = string.Empty;
        foreach (var e in chain)
        {
            if (e.PreviousHash != previous || HashOf(e, exhibitId) != e.Hash)
            {
                return false;
            }

            previous = e.Hash;
        }

        return true;
    }
}

internal enum Recipient
{
    Required,
    Optional,
    Kept,
    None,
}
