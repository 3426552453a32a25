using System.Globalization;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Links;

/// <summary>
/// Links between seizures and suspects or companies, visible from both sides. Officers and supervisors link persons
/// to seizures of their office (any existing person: that is how a duplicate is avoided); the person's side lists
/// only the seizures the caller may see.
/// </summary>
internal static class LinkEndpoints
{
    public static IEndpointRouteBuilder MapLinks(this IEndpointRouteBuilder app)
    {
        var seizure = app.MapGroup("/api/seizures/{id}/links").WithTags("Links");
        seizure.MapPost("/", LinkPerson).WithName(nameof(LinkPerson)).RequireAuthorization(Policies.WritePersons).AcceptsJson<LinkRequest>()
            .WithSummary("Link a suspect or company to the seizure with its role (201; 200 when the link existed and was updated or unchanged)");
        seizure.MapGet("/", ListSeizureLinks).WithName(nameof(ListSeizureLinks)).RequireAuthorization(Policies.ReadPersons)
            .WithSummary("The suspects and companies linked to the seizure");
        seizure.MapDelete("/{targetId}", UnlinkPerson).WithName(nameof(UnlinkPerson)).RequireAuthorization(Policies.WritePersons)
            .WithSummary("Remove the link to a suspect or company (the link's id is the target's id)");
        app.MapGet("/api/suspects/{id}/seizures", ListSuspectSeizures).WithName(nameof(ListSuspectSeizures)).WithTags("Links")
            .RequireAuthorization(Policies.ReadPersons).WithSummary("The seizures a suspect is linked to (those the caller may see)");
        app.MapGet("/api/companies/{id}/seizures", ListCompanySeizures).WithName(nameof(ListCompanySeizures)).WithTags("Links")
            .RequireAuthorization(Policies.ReadPersons).WithSummary("The seizures a company is linked to (those the caller may see)");
        return app;
    }

    public static async Task<Results<Created<SeizureLink>, Ok<SeizureLink>, ValidationProblem, ProblemHttpResult>> LinkPerson(
        string id, HttpContext context, LinkStore links, PersonStore persons, PersonAccess access, Auditor auditor, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<LinkRequest>(context.Request, cancellationToken);
        if (!request.Succeeded)
        {
            return Problems.Invalid(request.Errors);
        }

        var (kind, target, role, notes, errors) = Validate(request.Value!);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var caller = context.Caller();
        if (await SeizureInScopeAsync(id, context, access, auditor, "link.set", cancellationToken) is not { } seizure)
        {
            return Problems.NotFound("seizure");
        }

        if (await persons.GetAsync(target!.Value, cancellationToken) is null)
        {
            return Problems.Unprocessable($"No such {kind}", $"There is no {kind} {target}; record it first.", "targetId");
        }

        var outcome = await links.SetAsync(seizure.Entity, target.Value, role!, notes, caller.Subject,
            () => auditor.RecordAsync(context, "link.set", [seizure.Entity.RowKey, target.Value.Value], AuditOutcomes.Authorized), cancellationToken);
        return outcome switch
        {
            LinkOutcome.Created created => TypedResults.Created($"/api/seizures/{seizure.Entity.RowKey}/links/{target}", LinkRoles.ToSeizureLink(created.Link)),
            LinkOutcome.Updated updated => TypedResults.Ok(LinkRoles.ToSeizureLink(updated.Link)),
            LinkOutcome.Unchanged unchanged => TypedResults.Ok(LinkRoles.ToSeizureLink(unchanged.Link)),
            LinkOutcome.TooMany => Problems.Unprocessable("Too many links",
                $"A seizure can be linked to at most {LinkStore.MaxLinksPerSeizure} suspects and companies.", "targetId"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The link is being changed",
                detail: "Others changed this link at the same time; read the links again and retry."),
        };
    }

    public static async Task<Results<Ok<SeizureLinks>, ProblemHttpResult>> ListSeizureLinks(
        string id, HttpContext context, LinkStore links, PersonAccess access, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await SeizureInScopeAsync(id, context, access, auditor, "link.list", cancellationToken) is not { } seizure)
        {
            return Problems.NotFound("seizure");
        }

        var items = (await links.ForSeizureAsync(seizure.Entity.RowKey, includeRemoved: false, cancellationToken))
            .OrderBy(l => l.LinkedAt).Select(LinkRoles.ToSeizureLink).ToList();
        await auditor.RecordAsync(context, "link.list", items.Select(l => l.TargetId).Prepend(seizure.Entity.RowKey), AuditOutcomes.Read);
        return TypedResults.Ok(new SeizureLinks(items));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnlinkPerson(
        string id, string targetId, HttpContext context, LinkStore links, PersonAccess access, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await SeizureInScopeAsync(id, context, access, auditor, "link.remove", cancellationToken) is not { } seizure)
        {
            return Problems.NotFound("seizure");
        }

        if (!PersonId.TryParse(targetId, out var target))
        {
            return Problems.NotFound("link");
        }

        var outcome = await links.RemoveAsync(seizure.Entity.RowKey, target.Value, context.Caller().Subject,
            () => auditor.RecordAsync(context, "link.remove", [seizure.Entity.RowKey, target.Value.Value], AuditOutcomes.Authorized), cancellationToken);
        return outcome switch
        {
            LinkOutcome.Updated => TypedResults.NoContent(),
            LinkOutcome.NotFound => Problems.NotFound("link"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The link is being changed",
                detail: "Others changed this link at the same time; read the links again and retry."),
        };
    }

    public static Task<Results<Ok<PersonSeizurePage>, ValidationProblem, ProblemHttpResult>> ListSuspectSeizures(
        string id, HttpContext context, [AsParameters] PageRequest paging,
        LinkStore links, PersonAccess access, Auditor auditor, CancellationToken cancellationToken) =>
        ListPersonSeizuresAsync(PersonKind.Suspect, id, context, paging, links, access, auditor, cancellationToken);

    public static Task<Results<Ok<PersonSeizurePage>, ValidationProblem, ProblemHttpResult>> ListCompanySeizures(
        string id, HttpContext context, [AsParameters] PageRequest paging,
        LinkStore links, PersonAccess access, Auditor auditor, CancellationToken cancellationToken) =>
        ListPersonSeizuresAsync(PersonKind.Company, id, context, paging, links, access, auditor, cancellationToken);

    private static async Task<Results<Ok<PersonSeizurePage>, ValidationProblem, ProblemHttpResult>> ListPersonSeizuresAsync(
        PersonKind kind, string id, HttpContext context, PageRequest paging,
        LinkStore links, PersonAccess access, Auditor auditor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (pageSize, token) = paging.Read(errors);

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var operation = $"{kind}.seizures";
        if (await access.ReadInScopeAsync(context, kind, id, operation, auditRead: false, cancellationToken) is not { } person)
        {
            return Problems.NotFound(kind.Name);
        }

        // Officers see the links to their office's seizures only, each confirmed on the seizure itself.
        var caller = context.Caller();
        var everyone = PersonAccess.ReadsEveryone(caller);
        var (rows, next) = await links.ForPersonAsync(person.RowKey, everyone ? null : caller.Office, pageSize, token, cancellationToken);
        var visible = everyone ? rows : await ConfirmedAsync(rows, caller, access, cancellationToken);
        var items = visible.OrderBy(l => l.LinkedAt).Select(LinkRoles.ToPersonSeizureLink).ToList();
        await auditor.RecordAsync(context, operation, items.Select(l => l.SeizureId).Prepend(person.RowKey), AuditOutcomes.Read);
        return TypedResults.Ok(new PersonSeizurePage(items, ContinuationToken.Encode(next)));
    }

    private static async Task<IReadOnlyList<LinkEntity>> ConfirmedAsync(IReadOnlyList<LinkEntity> rows, Caller caller, PersonAccess access, CancellationToken cancellationToken)
    {
        var confirmed = await Task.WhenAll(rows.Select(async r => await access.SeizureInScopeAsync(caller, r.SeizureId, cancellationToken) is not null));
        return rows.Where((_, i) => confirmed[i]).ToList();
    }

    /// <summary>The seizure, if the caller may see it; a seizure outside the caller's office is audited and reported as
    /// not found, so that its existence is not revealed.</summary>
    private static async Task<StoredSeizure?> SeizureInScopeAsync(string id, HttpContext context, PersonAccess access, Auditor auditor, string operation, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var seizure = await access.SeizureInScopeAsync(caller, id, cancellationToken);
        if (seizure is null && SeizureId.TryParse(id, out _))
        {
            await auditor.RecordAsync(context, operation, [id], AuditOutcomes.OutOfScope);
        }

        return seizure;
    }

    private static (PersonKind? Kind, PersonId? Target, string? Role, string? Notes, FieldErrors Errors) Validate(LinkRequest request)
    {
        var errors = new FieldErrors();
        var kind = PersonKind.FromName(request.Kind?.Trim().ToLowerInvariant());
        if (kind is null)
        {
            errors.Add("kind", "Required: suspect or company.");
        }

        PersonId? target = null;
        if (string.IsNullOrWhiteSpace(request.TargetId))
        {
            errors.Add("targetId", "Required: the id of the suspect or company to link.");
        }
        else if (kind is not null && !PersonId.TryParse(request.TargetId.Trim(), kind, out target))
        {
            errors.Add("targetId", $"Must be a {kind} id ({kind.IdPrefix}-...).");
        }

        var role = kind is null ? null : FactChecks.Code(request.Role, "role", LinkRoles.For(kind), errors, required: true);
        var notes = FactChecks.Text(request.Notes, "notes", LinkRoles.MaxNotesLength, errors);
        return (kind, target, role, notes, errors);
    }
}
