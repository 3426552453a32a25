using Enforcement.Functions.Companies;
using Enforcement.Functions.Suspects;

namespace Enforcement.Functions.Persons;

/// <summary>The suspect and company databases: one store, index and access rule for both kinds, a profile each.</summary>
internal static class PersonsRegistration
{
    public static IHostApplicationBuilder AddPersons(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PersonStore>();
        services.AddSingleton<PersonIndex>();
        services.AddSingleton<PersonSearch>();
        services.AddSingleton<PersonAccess>();
        services.AddSingleton<DuplicateCandidates>();
        services.AddSingleton<DuplicateReviews>();
        services.AddSingleton<IPersonIndexing, SuspectIndexing>();
        services.AddSingleton<IPersonIndexing, CompanyIndexing>();
        services.AddSingleton<SuspectProfile>();
        services.AddSingleton<IPersonProfile<SuspectFacts, Suspect>>(s => s.GetRequiredService<SuspectProfile>());
        services.AddSingleton<CompanyProfile>();
        services.AddSingleton<IPersonProfile<CompanyFacts, Company>>(s => s.GetRequiredService<CompanyProfile>());
        return builder;
    }

    public static IEndpointRouteBuilder MapPersons(this IEndpointRouteBuilder app)
    {
        app.MapSuspects();
        app.MapCompanies();
        app.MapDuplicateReviews();
        return app;
    }
}
