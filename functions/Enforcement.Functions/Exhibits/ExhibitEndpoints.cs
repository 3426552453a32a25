using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Cases;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Exhibits;

/// <summary>
/// Exhibits and their chain of custody. Custody is append-only: the server checks that "from" is the current
/// custodian, that the event has its signed witnesses, that nothing follows a terminal state, and (for destruction) the
/// disposal gate. Every custody event is also an entry of the hash-chained audit trail carrying the event's hash.
/// </summary>
internal static class ExhibitEndpoints
{
    public static IEndpointRouteBuilder MapExhibits(this IEndpointRouteBuilder app, RouteGroupBuilder cases)
    {
        cases.MapPost("/{id}/exhibits", AddExhibit).WithName(nameof(AddExhibit)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<NewExhibitRequest>().WithSummary("Make an item of a linked seizure an exhibit of the case");
        cases.MapGet("/{id}/exhibits", ListExhibits).WithName(nameof(ListExhibits)).RequireAuthorization(Policies.WorkOnCases).WithSummary("The case's exhibits");
        var group = app.MapGroup("/api/exhibits").WithTags("Exhibits");
        group.MapGet("/{id}", GetExhibit).WithName(nameof(GetExhibit)).RequireAuthorization(Policies.WorkOnCases).WithSummary("Read one exhibit");
        group.MapPost("/{id}/custody", RecordCustodyEvent).WithName(nameof(RecordCustodyEvent)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<CustodyEventRequest>().WithSummary("Append a custody event (from must be the current custodian; witnesses as the type requires)");
        group.MapGet("/{id}/custody", GetCustodyChain).WithName(nameof(GetCustodyChain)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("The chain of custody with computed gaps (no custodian, or two) and whether its hashes are intact");
        group.MapPut("/{id}/legal-hold", SetLegalHold).WithName(nameof(SetLegalHold)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<LegalHoldRequest>().WithSummary("Set or lift a legal hold (no destruction while it is set)");
        return app;
    }

    public static bool TryParseId(string? id, out string caseId)
    {
        caseId = string.Empty;
        if (id is null || id.Length != 3 + TimeOrderedKey.Length + 4 || !id.StartsWith("EX-", StringComparison.Ordinal) || id[^4] != '-'
            || !int.TryParse(id.AsSpan(id.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        caseId = "CS-" + id[3..^4];
        return CaseStore.IsCaseId(caseId);
    }

    public static async Task<Results<Created<Exhibit>, ValidationProblem, ProblemHttpResult>> AddExhibit(
        string id, HttpContext context, CaseStore store, SeizureStore seizures, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<NewExhibitRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var r = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var description = CaseRequests.Text(r.Description, "description", CaseCodes.MaxShortText, errors, required: true);
        var packaging = CaseRequests.Text(r.Packaging, "packaging", CaseCodes.MaxShortText, errors, required: true);
        var site = CaseRequests.Text(r.StorageSite, "storageSite", CaseCodes.MaxShortText, errors, required: true);
        var condition = CaseRequests.Text(r.Condition, "condition", CaseCodes.MaxShortText, errors, required: true);
        if (r.Quantity is not > 0 and < 1e9)
        {
            errors["quantity"] = ["Required: a positive number."];
        }

        var unit = CaseRequests.Code(r.Unit, "unit", SeizureCodes.Units.Order(StringComparer.Ordinal).ToList(), errors, required: true);
        var seals = Seals(r.SealNumbers, "sealNumbers", errors);
        var photos = r.PhotoIds ?? [];
        for (var i = 0; i < photos.Count; i++)
        {
            if (!Photos.PhotoId.IsValid(photos[i]))
            {
                errors[$"photoIds[{i}]"] = ["Must be a photo id (PH-…)."];
            }
        }

        if (!SeizureId.TryParse(r.SeizureId, out var seizureId))
        {
            errors["seizureId"] = ["Required: a seizure linked to the case."];
        }

        if (r.ItemIndex is not >= 0)
        {
            errors["itemIndex"] = ["Required: the index of the item in the seizure's items."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var seizure = await seizures.GetAsync(seizureId!.Value, cancellationToken);
        var items = seizure is null ? [] : SeizureMapping.ReadFacts(seizure.Entity).Items ?? [];
        var caller = context.Caller();
        Exhibit? created = null;
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "exhibit.add", steer: false) is { } refused)
            {
                return refused;
            }

            if (seizure is null || await store.GetRowAsync<CaseLinkEntity>(current.PartitionKey, CaseLinkEntity.Prefix + seizureId.Value.Value, cancellationToken) is null)
            {
                return new CaseDecision.Refused(Problems.Unprocessable("Seizure not in the case", "Link the seizure to the case first.", "seizureId"));
            }

            if (r.ItemIndex >= items.Count)
            {
                return new CaseDecision.Refused(Problems.Unprocessable("No such item", $"The seizure has {items.Count} item(s).", "itemIndex"));
            }

            current.ExhibitCount++;
            var exhibitId = $"EX-{current.PartitionKey[3..]}-{current.ExhibitCount:D3}";
            var entity = new ExhibitEntity
            {
                PartitionKey = current.PartitionKey,
                RowKey = ExhibitEntity.Prefix + exhibitId,
                SeizureId = seizureId.Value.Value,
                ItemIndex = r.ItemIndex!.Value,
                Category = items[r.ItemIndex.Value].Category ?? "other",
                Description = description!,
                Quantity = r.Quantity!.Value,
                Unit = unit!,
                Packaging = packaging!,
                Seals = JsonSerializer.Serialize(seals),
                StorageSite = site!,
                Condition = condition!,
                PhotoIds = JsonSerializer.Serialize(photos),
                CreatedBy = caller.Subject,
                CreatedAt = time.GetUtcNow(),
            };
            created = ToExhibit(entity);
            return new CaseDecision.Change("exhibit.added", $"Exhibit {exhibitId}: {description}", caller.Subject,
                new JsonObject { ["exhibitId"] = exhibitId, ["seizureId"] = entity.SeizureId, ["itemIndex"] = entity.ItemIndex },
                [new TableTransactionAction(TableTransactionActionType.Add, entity)], SubjectId: exhibitId);
        }, cancellationToken);
        return outcome switch
        {
            CaseChangeOutcome.Committed => TypedResults.Created($"/api/exhibits/{created!.Id}", created),
            CaseChangeOutcome.Refused refused => (ProblemHttpResult)refused.Result,
            _ => Problems.NotFound("case"),
        };
    }

    public static async Task<Results<Ok<ExhibitPage>, ProblemHttpResult>> ListExhibits(string id, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken)
    {
        if (await access.ReadAsync(context, id, "exhibit.list", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        var rows = await store.AllAsync<ExhibitEntity>(entity.PartitionKey, ExhibitEntity.Prefix, ExhibitEntity.RangeEnd, cancellationToken);
        return TypedResults.Ok(new ExhibitPage(rows.Select(ToExhibit).ToList()));
    }

    public static async Task<Results<Ok<Exhibit>, ProblemHttpResult>> GetExhibit(string id, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var caseId) || await access.ReadAsync(context, caseId, "exhibit.read", cancellationToken, id) is null
            || await store.GetRowAsync<ExhibitEntity>(caseId, ExhibitEntity.Prefix + id, cancellationToken) is not { } exhibit)
        {
            return Problems.NotFound("exhibit");
        }

        return TypedResults.Ok(ToExhibit(exhibit));
    }

    public static async Task<Results<Ok<CustodyChain>, ProblemHttpResult>> GetCustodyChain(string id, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var caseId) || await access.ReadAsync(context, caseId, "exhibit.custody.read", cancellationToken, id) is null
            || await store.GetRowAsync<ExhibitEntity>(caseId, ExhibitEntity.Prefix + id, cancellationToken) is not { } exhibit)
        {
            return Problems.NotFound("exhibit");
        }

        var chain = await ChainAsync(store, caseId, id, cancellationToken);
        return TypedResults.Ok(new CustodyChain(id, exhibit.Custodian, exhibit.State, chain.Select(ToEvent).ToList(), CustodyRules.Gaps(chain), CustodyRules.HashesIntact(chain, id)));
    }

    public static Task<IReadOnlyList<CustodyEventEntity>> ChainAsync(CaseStore store, string caseId, string exhibitId, CancellationToken cancellationToken) =>
        store.AllAsync<CustodyEventEntity>(caseId, $"{CustodyEventEntity.Prefix}{exhibitId}|", $"{CustodyEventEntity.Prefix}{exhibitId}}}", cancellationToken);

    public static async Task<Results<Ok<Exhibit>, ValidationProblem, ProblemHttpResult>> SetLegalHold(
        string id, HttpContext context, CaseStore store, Auditor auditor, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<LegalHoldRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Value!.Hold is null)
        {
            errors["hold"] = ["Required: true or false."];
        }

        var reason = CaseRequests.Text(body.Value.Reason, "reason", CaseCodes.MaxShortText, errors, required: body.Value.Hold == true);
        if (errors.Count > 0 || !TryParseId(id, out var caseId))
        {
            return errors.Count > 0 ? Problems.Invalid(errors) : Problems.NotFound("exhibit");
        }

        var caller = context.Caller();
        ExhibitEntity? changed = null;
        var outcome = await store.ChangeAsync(caseId, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "exhibit.legal-hold", steer: true, id) is { } refused)
            {
                return refused;
            }

            if (await store.GetRowAsync<ExhibitEntity>(caseId, ExhibitEntity.Prefix + id, cancellationToken) is not { } exhibit)
            {
                return new CaseDecision.Refused(Problems.NotFound("exhibit"));
            }

            exhibit.LegalHold = body.Value.Hold!.Value;
            exhibit.LegalHoldReason = reason;
            changed = exhibit;
            return new CaseDecision.Change("exhibit.legal-hold", exhibit.LegalHold ? $"Legal hold on {id}: {reason}" : $"Legal hold on {id} lifted", caller.Subject,
                new JsonObject { ["exhibitId"] = id, ["hold"] = exhibit.LegalHold, ["reason"] = reason },
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, exhibit, exhibit.ETag)], SubjectId: id);
        }, cancellationToken);
        return outcome switch
        {
            CaseChangeOutcome.Committed => TypedResults.Ok(ToExhibit(changed!)),
            CaseChangeOutcome.Refused refused => (ProblemHttpResult)refused.Result,
            _ => Problems.NotFound("exhibit"),
        };
    }

    public static async Task<Results<Created<CustodyEvent>, ValidationProblem, ProblemHttpResult>> RecordCustodyEvent(
        string id, HttpContext context, CaseStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<CustodyEventRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var (request, errors) = CustodyValidator.Validate(body.Value!, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!TryParseId(id, out var caseId))
        {
            return Problems.NotFound("exhibit");
        }

        var caller = context.Caller();
        CustodyEventEntity? recorded = null;
        var outcome = await store.ChangeAsync(caseId, async current =>
        {
            if (!CaseAccess.CanRead(caller, current) || await store.GetRowAsync<ExhibitEntity>(caseId, ExhibitEntity.Prefix + id, cancellationToken) is not { } exhibit)
            {
                await auditor.RecordAsync(context, "custody." + request.Type, [id, caseId], AuditOutcomes.OutOfScope);
                return new CaseDecision.Refused(Problems.NotFound("exhibit"));
            }

            if (await CustodyValidator.RefuseAsync(request, current, exhibit, store, cancellationToken) is { } refused)
            {
                return new CaseDecision.Refused(refused);
            }

            var e = CustodyValidator.Apply(request, exhibit, id, caller.Subject, time.GetUtcNow());
            recorded = e;

            // The audit entry carries the event's hash: the custody chain is anchored in the audit hash chain.
            await auditor.RecordAsync(context, "custody." + request.Type, [id, caseId, "sha256:" + e.Hash], AuditOutcomes.Authorized);
            return new CaseDecision.Change("custody." + request.Type, $"{request.Type} of {id}" + (e.To is null ? string.Empty : $" to {e.To}"), caller.Subject,
                new JsonObject { ["exhibitId"] = id, ["sequence"] = e.Sequence, ["from"] = e.From, ["to"] = e.To, ["at"] = e.At, ["hash"] = e.Hash },
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, exhibit, exhibit.ETag), new TableTransactionAction(TableTransactionActionType.Add, e)],
                SubjectId: id);
        }, cancellationToken);
        return outcome switch
        {
            CaseChangeOutcome.Committed => TypedResults.Created($"/api/exhibits/{id}/custody", ToEvent(recorded!)),
            CaseChangeOutcome.Refused refused => (ProblemHttpResult)refused.Result,
            _ => Problems.NotFound("exhibit"),
        };
    }

    internal static List<string> Seals(IReadOnlyList<string>? values, string field, Dictionary<string, string[]> errors)
    {
        var seals = new List<string>();
        var list = values ?? [];
        if (list.Count > 50)
        {
            errors[field] = ["At most 50 seals."];
            return seals;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var seal = list[i]?.Trim();
            if (string.IsNullOrEmpty(seal) || seal.Length > 64 || seal.Any(char.IsControl))
            {
                errors[$"{field}[{i}]"] = ["A seal number of 1 to 64 characters."];
            }
            else
            {
                seals.Add(seal);
            }
        }

        return seals;
    }

    public static Exhibit ToExhibit(ExhibitEntity e) => new(
        e.RowKey[ExhibitEntity.Prefix.Length..], e.PartitionKey, e.SeizureId, e.ItemIndex, e.Category, e.Description, e.Quantity, e.Unit, e.Packaging,
        JsonSerializer.Deserialize<List<string>>(e.Seals) ?? [], e.StorageSite, e.Condition, JsonSerializer.Deserialize<List<string>>(e.PhotoIds) ?? [],
        e.Custodian, e.State, e.SampleRetained, e.LegalHold, e.LegalHoldReason, e.CustodyCount, e.CreatedAt);

    public static CustodyEvent ToEvent(CustodyEventEntity e) => new(
        e.Sequence, e.Type, e.From, e.To, e.Site, e.At, e.Condition,
        JsonSerializer.Deserialize<List<string>>(e.SealsBroken) ?? [], JsonSerializer.Deserialize<List<string>>(e.SealsApplied) ?? [],
        JsonSerializer.Deserialize<List<Witness>>(e.Witnesses, JsonBody.Options) ?? [], e.Reason, e.OrderDocumentId, e.CertificateDocumentId,
        e.RecordedBy, e.RecordedAt, e.PreviousHash, e.Hash);
}
