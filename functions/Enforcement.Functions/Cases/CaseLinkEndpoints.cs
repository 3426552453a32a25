using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Conveyances;
using Enforcement.Functions.Http;
using Enforcement.Functions.Links;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Cases;

/// <summary>Records linked to a case (seizures, suspects, companies, photos; a record can be in several cases) and
/// the case's network: the links graph walked from each linked seizure and person.</summary>
internal static class CaseLinkEndpoints
{
    private const int NetworkDepth = 1;

    public static void MapCaseLinks(this RouteGroupBuilder group)
    {
        group.MapPost("/{id}/links", LinkRecordToCase).WithName(nameof(LinkRecordToCase)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<LinkRecordRequest>().WithSummary("Link a seizure, suspect, company or photo to the case (200 when already linked)");
        group.MapGet("/{id}/links", ListCaseLinks).WithName(nameof(ListCaseLinks)).RequireAuthorization(Policies.WorkOnCases).WithSummary("The records linked to the case");
        group.MapDelete("/{id}/links/{targetId}", UnlinkRecordFromCase).WithName(nameof(UnlinkRecordFromCase)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("Remove a record from the case (the timeline keeps the change)");
        group.MapGet("/{id}/network", GetCaseNetwork).WithName(nameof(GetCaseNetwork)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("The link network around the case's seizures, suspects and companies");
    }

    public static async Task<Results<Created<CaseLink>, Ok<CaseLink>, ValidationProblem, ProblemHttpResult>> LinkRecordToCase(
        string id, HttpContext context, CaseStore store, CaseIndexes indexes, SeizureStore seizures, PersonStore persons, PhotoStore photos, ConveyanceStore conveyances,
        Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<LinkRecordRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var request = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var kind = CaseRequests.Code(request.Kind, "kind", CaseCodes.LinkKinds, errors, required: true);
        var target = request.TargetId?.Trim() ?? string.Empty;
        var valid = kind switch
        {
            "seizure" => SeizureId.TryParse(target, out _),
            "suspect" => PersonId.TryParse(target, PersonKind.Suspect, out _),
            "company" => PersonId.TryParse(target, PersonKind.Company, out _),
            "photo" => PhotoId.IsValid(target),
            "conveyance" => ConveyanceStore.IsId(target),
            _ => true,
        };
        if (!valid)
        {
            errors["targetId"] = [$"Must be the id of a {kind}."];
        }

        if (kind == "photo" && !SeizureId.TryParse(request.SeizureId, out _))
        {
            errors["seizureId"] = ["Required for a photo: the seizure it belongs to."];
        }
        else if (kind != "photo" && request.SeizureId is not null)
        {
            errors["seizureId"] = ["Only for a photo."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var created = false;
        CaseLinkEntity? link = null;
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "case.link", steer: false, target) is { } refused)
            {
                return refused;
            }

            // Only once the case is the caller's: whoever may not see the case is told it does not exist, whatever the body names.
            var exists = kind switch
            {
                "seizure" => SeizureId.TryParse(target, out var s) && await seizures.GetAsync(s.Value, cancellationToken) is { } seizure
                             && (caller.IsInRole(Roles.Analyst) || caller.CoversOffice(seizure.Entity.Office)),
                "suspect" or "company" => PersonId.TryParse(target, out var p) && await persons.GetAsync(p.Value, cancellationToken) is not null,
                "conveyance" => await conveyances.GetAsync(target, cancellationToken) is not null,
                _ => await photos.GetAsync(request.SeizureId!, target, cancellationToken) is not null,
            };
            if (!exists)
            {
                return new CaseDecision.Refused(Problems.Unprocessable("Unknown record", $"No {kind} with that id that you may link.", "targetId"));
            }

            link = await store.GetRowAsync<CaseLinkEntity>(current.PartitionKey, CaseLinkEntity.Prefix + target, cancellationToken);
            if (link is not null)
            {
                return new CaseDecision.Refused(TypedResults.NoContent());
            }

            created = true;
            link = new CaseLinkEntity
            {
                PartitionKey = current.PartitionKey,
                RowKey = CaseLinkEntity.Prefix + target,
                Kind = kind!,
                TargetId = target,
                SeizureId = request.SeizureId,
                LinkedBy = caller.Subject,
                LinkedAt = time.GetUtcNow(),
            };
            return new CaseDecision.Change("link.added", $"Linked {kind} {target}", caller.Subject,
                new JsonObject { ["kind"] = kind, ["targetId"] = target, ["seizureId"] = request.SeizureId },
                [new TableTransactionAction(TableTransactionActionType.Add, link)], SubjectId: target);
        }, cancellationToken);
        switch (outcome)
        {
            case CaseChangeOutcome.Committed committed:
                await indexes.IndexLinkAsync(committed.Case, link!, cancellationToken);
                return TypedResults.Created($"/api/cases/{committed.Case.PartitionKey}/links", CaseMapping.ToLink(link!));
            case CaseChangeOutcome.Refused refused when !created && link is not null:
                return TypedResults.Ok(CaseMapping.ToLink(link));
            case CaseChangeOutcome.Refused refused:
                return (ProblemHttpResult)refused.Result;
            default:
                return Problems.NotFound("case");
        }
    }

    public static async Task<Results<Ok<CaseLinkPage>, ProblemHttpResult>> ListCaseLinks(string id, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken)
    {
        if (await access.ReadAsync(context, id, "case.links", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        var rows = await store.AllAsync<CaseLinkEntity>(entity.PartitionKey, CaseLinkEntity.Prefix, CaseLinkEntity.RangeEnd, cancellationToken);
        return TypedResults.Ok(new CaseLinkPage(rows.Select(CaseMapping.ToLink).ToList()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnlinkRecordFromCase(
        string id, string targetId, HttpContext context, CaseStore store, CaseIndexes indexes, Auditor auditor, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "case.unlink", steer: false, targetId) is { } refused)
            {
                return refused;
            }

            if (targetId.Length > 64 || await store.GetRowAsync<CaseLinkEntity>(current.PartitionKey, CaseLinkEntity.Prefix + targetId, cancellationToken) is not { } link)
            {
                return new CaseDecision.Refused(Problems.NotFound("link"));
            }

            return new CaseDecision.Change("link.removed", $"Removed {link.Kind} {targetId}", caller.Subject,
                new JsonObject { ["kind"] = link.Kind, ["targetId"] = targetId },
                [new TableTransactionAction(TableTransactionActionType.Delete, link, link.ETag)], SubjectId: targetId);
        }, cancellationToken);
        switch (outcome)
        {
            case CaseChangeOutcome.Committed committed:
                await indexes.UnindexLinkAsync(committed.Case.PartitionKey, targetId, cancellationToken);
                return TypedResults.NoContent();
            case CaseChangeOutcome.Refused refused:
                return (ProblemHttpResult)refused.Result;
            default:
                return Problems.NotFound("case");
        }
    }

    public static async Task<Results<Ok<LinkNetwork>, ProblemHttpResult>> GetCaseNetwork(
        string id, HttpContext context, CaseStore store, CaseAccess access, NetworkQuery network, ConveyanceStore conveyances, CancellationToken cancellationToken)
    {
        if (await access.ReadAsync(context, id, "case.network", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        var caller = context.Caller();
        var links = await store.AllAsync<CaseLinkEntity>(entity.PartitionKey, CaseLinkEntity.Prefix, CaseLinkEntity.RangeEnd, cancellationToken);
        var starts = links.Where(l => l.Kind is "seizure" or "suspect" or "company").Take(50).ToList();
        var nodes = new Dictionary<string, NetworkNode>(StringComparer.Ordinal);
        var edges = new HashSet<NetworkEdge>();
        var truncated = false;
        foreach (var start in starts)
        {
            if (await network.WalkAsync(caller, start.TargetId, NetworkDepth, cancellationToken) is not { } walked)
            {
                continue;
            }

            truncated |= walked.Truncated;
            foreach (var node in walked.Nodes)
            {
                nodes.TryAdd(node.Id, node);
            }

            edges.UnionWith(walked.Edges);
        }

        // Conveyances are not in the links graph: each linked one is a node, joined to the seizures of the network it carried
        // (one partition read per conveyance, at most 50).
        foreach (var link in links.Where(l => l.Kind == "conveyance").Take(50))
        {
            nodes.TryAdd(link.TargetId, new NetworkNode(link.TargetId, "conveyance", link.TargetId, 0));
            foreach (var carried in await conveyances.SeizureLinksAsync(link.TargetId, cancellationToken))
            {
                if (carried.Confirmed && nodes.TryGetValue(carried.RowKey, out var seizure) && seizure.Kind == "seizure")
                {
                    edges.Add(new NetworkEdge(carried.RowKey, link.TargetId, "conveyance"));
                }
            }
        }

        return TypedResults.Ok(new LinkNetwork(entity.PartitionKey, NetworkDepth, nodes.Values.ToList(), edges.ToList(), truncated));
    }
}
