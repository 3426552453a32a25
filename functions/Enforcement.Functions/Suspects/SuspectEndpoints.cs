using System.Globalization;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.NameMatching;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Suspects;

/// <summary>The suspect database over HTTP: record, read, correct, and find by document number or by name.</summary>
internal static class SuspectEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public static RouteGroupBuilder MapSuspects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/suspects").WithTags("Suspects");
        group.MapPost("/", PersonEndpoints<SuspectFacts, Suspect>.Record).WithName("RecordSuspect")
            .RequireAuthorization(Policies.WritePersons).AcceptsJson<SuspectFacts>()
            .WithSummary("Record a suspect (Idempotency-Key; 409 with candidates when one strongly matches, unless ?allowDuplicate=true)");
        group.MapGet("/{id}", PersonEndpoints<SuspectFacts, Suspect>.Read).WithName("GetSuspect")
            .RequireAuthorization(Policies.ReadPersons).WithSummary("Read one suspect");
        group.MapPatch("/{id}", PersonEndpoints<SuspectFacts, Suspect>.Correct).WithName("CorrectSuspect")
            .RequireAuthorization(Policies.WritePersons).AcceptsJson<SuspectFacts>(MergePatch.MediaType)
            .WithSummary("Correct a suspect with a JSON merge patch and If-Match");
        group.MapGet("/", SearchSuspects).WithName(nameof(SearchSuspects)).RequireAuthorization(Policies.ReadPersons)
            .WithSummary("Find suspects by identity document number (?document=&country=) or by name (?name=&birthYear=), ranked by closeness");
        return group;
    }

    public static async Task<Results<Ok<SuspectSearchResult>, ValidationProblem>> SearchSuspects(
        HttpContext context,
        [FromQuery] string? document,
        [FromQuery] string? country,
        [FromQuery] string? name,
        [FromQuery] string? birthYear,
        [FromQuery] string? limit,
        SuspectProfile profile,
        PersonSearch search,
        PersonStore store,
        PersonAccess access,
        Auditor auditor,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var take = PersonSearchQuery.Limit(limit, DefaultLimit, MaxLimit, errors);
        var query = name is null ? null : PersonNameFolding.Fold(name);
        PersonSearchQuery.CheckOneOf(("document", document), ("name", name), errors);
        var issuer = PersonSearchQuery.Country(country, "country", document is not null, "document", errors);
        var year = PersonSearchQuery.Year(birthYear, time.GetUtcNow().Year, name is not null, errors);
        PersonSearchQuery.CheckTerms(document, query, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var caller = context.Caller();
        List<(PersonEntity Entity, SuspectMatch Match)> matches;
        bool complete;
        if (document is not null)
        {
            var (rows, allRead) = await search.ByNumberAsync(PersonKind.Suspect, PersonIndexRows.DocumentPrefix, document, issuer, cancellationToken);
            var number = PersonIndexRows.NumberKey(document);
            var records = await store.GetManyAsync(rows.Select(r => new PersonId(r.PersonId)).Distinct().Take(take).ToList(), cancellationToken);
            matches = records
                .Select(r => (Entity: r, Facts: profile.Read(r.Facts)))
                .Where(r => (r.Facts.Documents ?? []).Any(d => d.Number is not null && PersonIndexRows.NumberKey(d.Number) == number
                    && (issuer is null || d.IssuingCountry is null || d.IssuingCountry == issuer)))
                .Select(r => (r.Entity, new SuspectMatch(1, "document", profile.ToRecord(r.Entity, r.Facts))))
                .ToList();
            complete = allRead && rows.Count <= take;
        }
        else
        {
            var (from, to) = year is { } y ? ((y - 1).ToString(CultureInfo.InvariantCulture), (y + 1).ToString(CultureInfo.InvariantCulture)) : (null, null);
            var (candidates, allRead) = await search.ByNameAsync(PersonKind.Suspect, query!, from, to, take, cancellationToken);
            var records = await store.GetManyAsync(candidates.Select(c => new PersonId(c.PersonId)).ToList(), cancellationToken);

            // Ranked again on the records themselves: the index may trail them.
            matches = records
                .Select(r => (Entity: r, Facts: profile.Read(r.Facts)))
                .Where(r => year is null || (r.Facts.DateOfBirth is { } born && Math.Abs(int.Parse(born[..4], CultureInfo.InvariantCulture) - year.Value) <= 1))
                .Select(r =>
                {
                    var best = SuspectNames.Written(r.Facts).Select(w => (Written: w, Score: NameSimilarity.Score(query!, PersonNameFolding.Fold(w)))).MaxBy(w => w.Score);
                    return (r.Entity, Match: new SuspectMatch(Math.Round(best.Score, 3), best.Written, profile.ToRecord(r.Entity, r.Facts)));
                })
                .Where(m => m.Match.Score >= PersonSearch.MinimumScore)
                .ToList();
            complete = allRead;
        }

        var visible = await PersonSearchQuery.VisibleAsync(matches, caller, access, cancellationToken);
        var ranked = visible.OrderByDescending(m => m.Score).ThenBy(m => m.Suspect.Id, StringComparer.Ordinal).ToList();
        await auditor.RecordAsync(context, "suspect.search", ranked.Select(m => m.Suspect.Id), AuditOutcomes.Read);
        return TypedResults.Ok(new SuspectSearchResult(ranked, complete));
    }
}
