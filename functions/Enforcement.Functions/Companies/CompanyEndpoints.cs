using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.NameMatching;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Companies;

/// <summary>The company database over HTTP: record, read, correct, and find by registration number or by name.</summary>
internal static class CompanyEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public static RouteGroupBuilder MapCompanies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies").WithTags("Companies");
        group.MapPost("/", PersonEndpoints<CompanyFacts, Company>.Record).WithName("RecordCompany")
            .RequireAuthorization(Policies.WritePersons).AcceptsJson<CompanyFacts>()
            .WithSummary("Record a company (Idempotency-Key; 409 with candidates when one strongly matches, unless ?allowDuplicate=true)");
        group.MapGet("/{id}", PersonEndpoints<CompanyFacts, Company>.Read).WithName("GetCompany")
            .RequireAuthorization(Policies.ReadPersons).WithSummary("Read one company");
        group.MapPatch("/{id}", PersonEndpoints<CompanyFacts, Company>.Correct).WithName("CorrectCompany")
            .RequireAuthorization(Policies.WritePersons).AcceptsJson<CompanyFacts>(MergePatch.MediaType)
            .WithSummary("Correct a company with a JSON merge patch and If-Match");
        group.MapGet("/", SearchCompanies).WithName(nameof(SearchCompanies)).RequireAuthorization(Policies.ReadPersons)
            .WithSummary("Find companies by registration number (?registration=) or by name (?name=), optionally in a country (&country=)");
        return group;
    }

    public static async Task<Results<Ok<CompanySearchResult>, ValidationProblem>> SearchCompanies(
        HttpContext context,
        [FromQuery] string? registration,
        [FromQuery] string? name,
        [FromQuery] string? country,
        [FromQuery] string? limit,
        CompanyProfile profile,
        PersonSearch search,
        PersonStore store,
        PersonAccess access,
        Auditor auditor,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var take = PersonSearchQuery.Limit(limit, DefaultLimit, MaxLimit, errors);
        var query = name is null ? null : CompanyNameFolding.Fold(name);
        PersonSearchQuery.CheckOneOf(("registration", registration), ("name", name), errors);
        var inCountry = PersonSearchQuery.Country(country, "country", allowed: true, "registration or name", errors);
        PersonSearchQuery.CheckTerms(registration, query, errors, "registration");
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        List<(PersonEntity Entity, CompanyMatch Match)> matches;
        bool complete;
        if (registration is not null)
        {
            var (rows, allRead) = await search.ByNumberAsync(PersonKind.Company, PersonIndexRows.RegistrationPrefix, registration, inCountry, cancellationToken);
            var number = PersonIndexRows.NumberKey(registration);
            var records = await store.GetManyAsync(rows.Select(r => new PersonId(r.PersonId)).Distinct().Take(take).ToList(), cancellationToken);
            matches = records
                .Select(r => (Entity: r, Facts: profile.Read(r.Facts)))
                .Where(r => (r.Facts.RegistrationNumbers ?? []).Any(n => n.Number is not null && PersonIndexRows.NumberKey(n.Number) == number
                    && (inCountry is null || n.Country is null || n.Country == inCountry)))
                .Select(r => (r.Entity, new CompanyMatch(1, "registration", profile.ToRecord(r.Entity, r.Facts))))
                .ToList();
            complete = allRead && rows.Count <= take;
        }
        else
        {
            var (candidates, allRead) = await search.ByNameAsync(PersonKind.Company, query!, inCountry, inCountry, take, cancellationToken);
            var records = await store.GetManyAsync(candidates.Select(c => new PersonId(c.PersonId)).ToList(), cancellationToken);
            matches = records
                .Select(r => (Entity: r, Facts: profile.Read(r.Facts)))
                .Where(r => inCountry is null || r.Facts.Country == inCountry)
                .Select(r =>
                {
                    var best = CompanyNames.Written(r.Facts).Select(w => (Written: w, Score: NameSimilarity.Score(query!, CompanyNameFolding.Fold(w)))).MaxBy(w => w.Score);
                    return (r.Entity, Match: new CompanyMatch(Math.Round(best.Score, 3), best.Written, profile.ToRecord(r.Entity, r.Facts)));
                })
                .Where(m => m.Match.Score >= PersonSearch.MinimumScore)
                .ToList();
            complete = allRead;
        }

        var visible = await PersonSearchQuery.VisibleAsync(matches, context.Caller(), access, cancellationToken);
        var ranked = visible.OrderByDescending(m => m.Score).ThenBy(m => m.Company.Id, StringComparer.Ordinal).ToList();
        await auditor.RecordAsync(context, "company.search", ranked.Select(m => m.Company.Id), AuditOutcomes.Read);
        return TypedResults.Ok(new CompanySearchResult(ranked, complete));
    }
}
