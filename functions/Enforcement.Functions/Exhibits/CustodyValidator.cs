using System.Text.Json;
using Enforcement.Functions.Cases;
using Enforcement.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enforcement.Functions.Exhibits;

internal sealed record CheckedCustodyEvent(
    string Type, string? From, string? To, string? Site, DateTimeOffset At, string? Condition, List<string> SealsBroken, List<string> SealsApplied,
    List<Witness> Witnesses, string? Reason, string? OrderDocumentId, string? CertificateDocumentId);

/// <summary>The custody rules: the shape of an event (400), then its fit with the chain and the case (409/422), and
/// the disposal gate for destruction.</summary>
internal static class CustodyValidator
{
    public static (CheckedCustodyEvent Event, Dictionary<string, string[]> Errors) Validate(CustodyEventRequest r, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var type = CaseRequests.Code(r.Type, "type", CustodyRules.Types, errors, required: true) ?? string.Empty;
        var from = Person(r.From, "from", errors);
        var to = Person(r.To, "to", errors);
        var site = CaseRequests.Text(r.Site, "site", CaseCodes.MaxShortText, errors, required: false);
        var condition = CaseRequests.Text(r.Condition, "condition", CaseCodes.MaxShortText, errors, required: false);
        var reason = CaseRequests.Text(r.Reason, "reason", CaseCodes.MaxShortText, errors, required: false);
        var at = CaseRequests.ParsePastDate(r.At, now, "at", errors);
        var broken = ExhibitEndpoints.Seals(r.SealsBroken, "sealsBroken", errors);
        var applied = ExhibitEndpoints.Seals(r.SealsApplied, "sealsApplied", errors);
        var witnesses = new List<Witness>();
        var given = r.Witnesses ?? [];
        if (given.Count > 20)
        {
            errors["witnesses"] = ["At most 20 witnesses."];
        }

        for (var i = 0; i < Math.Min(given.Count, 20); i++)
        {
            var name = CaseRequests.Text(given[i]?.Name, $"witnesses[{i}].name", 200, errors, required: true);
            var designation = CaseRequests.Text(given[i]?.Designation, $"witnesses[{i}].designation", 200, errors, required: false);
            if (name is not null)
            {
                witnesses.Add(new Witness(name, designation, given[i]!.HasSigned ?? false));
            }
        }

        if (type.Length > 0)
        {
            if (type == CustodyRules.Seal && applied.Count == 0 && !errors.Keys.Any(k => k.StartsWith("sealsApplied", StringComparison.Ordinal)))
            {
                errors["sealsApplied"] = ["A seal event applies at least one seal."];
            }

            var recipient = CustodyRules.RecipientOf(type);
            if (recipient == Recipient.Required && to is null && !errors.ContainsKey("to"))
            {
                errors["to"] = [$"Required for {type}: the next custodian."];
            }
            else if (recipient is Recipient.Kept or Recipient.None && to is not null)
            {
                errors["to"] = [$"A {type} event does not change the custodian."];
            }

            if (type == CustodyRules.Seize && from is not null)
            {
                errors["from"] = ["A seizure starts the chain: nobody held the item before."];
            }

            if (type == CustodyRules.Destroyed)
            {
                if (!CaseStore.IsKey(r.OrderDocumentId, CaseDocuments.Prefix))
                {
                    errors["orderDocumentId"] = ["Required: the authorising order, uploaded to the case."];
                }

                if (!CaseStore.IsKey(r.CertificateDocumentId, CaseDocuments.Prefix))
                {
                    errors["certificateDocumentId"] = ["Required: the destruction certificate, uploaded to the case."];
                }
            }
            else if (r.OrderDocumentId is not null || r.CertificateDocumentId is not null)
            {
                errors[r.OrderDocumentId is not null ? "orderDocumentId" : "certificateDocumentId"] = ["Only for a destruction."];
            }
        }

        return (new CheckedCustodyEvent(type, from, to, site, at ?? default, condition, broken, applied, witnesses, reason, r.OrderDocumentId, r.CertificateDocumentId), errors);
    }

    public static async Task<ProblemHttpResult?> RefuseAsync(CheckedCustodyEvent e, CaseEntity current, ExhibitEntity exhibit, CaseStore store, CancellationToken cancellationToken)
    {
        if (CustodyRules.Terminal.Contains(exhibit.State))
        {
            return CaseRequests.Conflict("The chain is closed", $"The exhibit was {exhibit.State}: no custody event can follow.", "type");
        }

        if ((exhibit.CustodyCount == 0) != (e.Type == CustodyRules.Seize))
        {
            return CaseRequests.Conflict("Out of order", exhibit.CustodyCount == 0 ? "The chain starts with a seize event." : "The exhibit was already seized.", "type");
        }

        if (e.Type != CustodyRules.Seize && !string.Equals(e.From, exhibit.Custodian, StringComparison.Ordinal))
        {
            return CaseRequests.Conflict("Not the current custodian",
                exhibit.Custodian is null ? "Nobody holds the exhibit now: leave from empty." : $"from must be the current custodian, {exhibit.Custodian}.", "from");
        }

        var signed = e.Witnesses.Count(w => w.HasSigned == true);
        var required = CustodyRules.WitnessesRequired(e.Type);
        if (signed < required)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Witnesses missing",
                detail: $"A {e.Type} event needs {required} signed witness(es); it has {signed}.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["witnesses"] = [$"{required} signed witness(es) required, {signed} given."] } });
        }

        var seals = JsonSerializer.Deserialize<List<string>>(exhibit.Seals) ?? [];
        for (var i = 0; i < e.SealsBroken.Count; i++)
        {
            if (!seals.Contains(e.SealsBroken[i], StringComparer.Ordinal))
            {
                return Problems.Unprocessable("Unknown seal", $"Seal {e.SealsBroken[i]} is not on the exhibit.", $"sealsBroken[{i}]");
            }
        }

        if (e.Type == CustodyRules.Destroyed)
        {
            return await DisposalGateAsync(e, current, exhibit, store, cancellationToken);
        }

        return null;
    }

    /// <summary>Destruction only after adjudication and not during a prosecution, without a legal hold, with a sample
    /// kept for drugs and precursors, and with the order and certificate uploaded to the case.</summary>
    private static async Task<ProblemHttpResult?> DisposalGateAsync(CheckedCustodyEvent e, CaseEntity current, ExhibitEntity exhibit, CaseStore store, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        var stages = CaseMapping.StagesOf(current).Select(s => s.Stage).ToHashSet(StringComparer.Ordinal);
        if (!stages.Contains(CaseCodes.Stage.Adjudicated) && !stages.Contains(CaseCodes.Stage.CourtDecided))
        {
            reasons.Add("The case has no adjudication.");
        }

        if (current.Stage == CaseCodes.Stage.Prosecution)
        {
            reasons.Add("A prosecution is open.");
        }

        if (exhibit.LegalHold)
        {
            reasons.Add($"A legal hold is set: {exhibit.LegalHoldReason}");
        }

        if (CustodyRules.SampleBeforeDestruction.Contains(exhibit.Category) && !exhibit.SampleRetained)
        {
            reasons.Add($"No sample was retained ({exhibit.Category} need one before destruction).");
        }

        if (reasons.Count > 0)
        {
            return CaseRequests.Conflict("Destruction refused", string.Join(" ", reasons), "type", reasons);
        }

        foreach (var (field, documentId) in new[] { ("orderDocumentId", e.OrderDocumentId!), ("certificateDocumentId", e.CertificateDocumentId!) })
        {
            if (await store.GetRowAsync<CaseDocumentEntity>(current.PartitionKey, CaseDocumentEntity.Prefix + documentId, cancellationToken) is null)
            {
                return Problems.Unprocessable("Unknown document", "No document with that id was uploaded to this case.", field);
            }
        }

        return null;
    }

    /// <summary>The event row, and the exhibit's new state (custodian, seals, terminal state, hash of the chain).</summary>
    public static CustodyEventEntity Apply(CheckedCustodyEvent e, ExhibitEntity exhibit, string exhibitId, string actor, DateTimeOffset now)
    {
        exhibit.CustodyCount++;
        var row = new CustodyEventEntity
        {
            PartitionKey = exhibit.PartitionKey,
            RowKey = CustodyEventEntity.RowKeyFor(exhibitId, exhibit.CustodyCount),
            Sequence = exhibit.CustodyCount,
            Type = e.Type,
            From = e.From,
            To = e.To,
            Site = e.Site,
            At = e.At,
            Condition = e.Condition,
            SealsBroken = JsonSerializer.Serialize(e.SealsBroken),
            SealsApplied = JsonSerializer.Serialize(e.SealsApplied),
            Witnesses = JsonSerializer.Serialize(e.Witnesses, JsonBody.Options),
            Reason = e.Reason,
            OrderDocumentId = e.OrderDocumentId,
            CertificateDocumentId = e.CertificateDocumentId,
            RecordedBy = actor,
            RecordedAt = now,
            PreviousHash = exhibit.LastHash,
        };
        row.Hash = CustodyRules.HashOf(row, exhibitId);

        exhibit.LastHash = row.Hash;
        exhibit.Custodian = CustodyRules.RecipientOf(e.Type) switch
        {
            Recipient.Kept => exhibit.Custodian,
            Recipient.None => null,
            _ => e.To,
        };
        exhibit.State = CustodyRules.Terminal.Contains(e.Type) ? e.Type : "in-custody";
        exhibit.SampleRetained |= e.Type == CustodyRules.Sample;
        exhibit.StorageSite = e.Site ?? exhibit.StorageSite;
        exhibit.Condition = e.Condition ?? exhibit.Condition;
        var seals = (JsonSerializer.Deserialize<List<string>>(exhibit.Seals) ?? []).Except(e.SealsBroken, StringComparer.Ordinal).Concat(e.SealsApplied).Distinct(StringComparer.Ordinal).ToList();
        exhibit.Seals = JsonSerializer.Serialize(seals);
        return row;
    }

    private static string? Person(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!CaseRequests.IsSubject(value.Trim()))
        {
            errors[field] = [$"A custodian of 1 to {CaseCodes.MaxSubject} characters (a user's subject, a laboratory, a court)."];
            return null;
        }

        return value.Trim();
    }
}
