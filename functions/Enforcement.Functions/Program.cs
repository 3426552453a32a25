using Enforcement.Functions.Alerts;
using Enforcement.Functions.ApiKeys;
using Enforcement.Functions.Conveyances;
using Enforcement.Functions.RiskRules;
using Enforcement.Functions.Screening;
using Enforcement.Functions.WatchLists;
using Enforcement.Functions.Identifiers;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Cases;
using Enforcement.Functions.Diagnostics;
using Enforcement.Functions.Events;
using Enforcement.Functions.Feeds;
using Enforcement.Functions.Groups;
using Enforcement.Functions.Health;
using Enforcement.Functions.Hosting;
using Enforcement.Functions.Hosting.Standalone;
using Enforcement.Functions.Hosting.Worker;
using Enforcement.Functions.Http;
using Enforcement.Functions.BulkImport;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Links;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Statistics;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Webhooks;

// One executable, two modes: launched by the Azure Functions host it is a .NET isolated worker; started any other way
// (dotnet run, tests) it is a plain ASP.NET Core app that also drives its own queue and timer triggers.
if (HostMode.IsFunctionsWorker(args))
{
    WorkerHost.Build(args, Program.Composition).Run();
}
else
{
    StandaloneHost.Build(args, Program.Composition).Run();
}

/// <summary>The table of contents: every concern of the app, the same in both modes.</summary>
public partial class Program
{
    internal static readonly AppComposition Composition = new(AddServices, UseMiddleware, MapEndpoints);

    private static void AddServices(IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.AddStorage();
        builder.AddApiConventions();
        builder.AddSecurity();
        builder.AddAudit();
        builder.AddApiKeys();
        builder.AddEvents();
        builder.AddEventHandlers();
        builder.AddSeizures();
        builder.AddPersons();
        builder.AddLinks();
        builder.AddPhotos();
        builder.AddFeeds();
        builder.AddWebhooks();
        builder.AddImports();
        builder.AddStatistics();
        builder.AddCases();
        builder.AddInbox();
        builder.AddAlerts();
        builder.AddGroups();
        builder.AddTargeting();
    }

    private static void UseMiddleware(IApplicationBuilder app)
    {
        app.UseApiConventions();
        app.UseStorageServerTiming();
        app.UseSecurity();
    }

    private static void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiDocumentation();
        endpoints.MapHealth();
        endpoints.MapSeizures();
        endpoints.MapPersons();
        endpoints.MapLinksAndNetwork();
        endpoints.MapPhotos();
        endpoints.MapFeeds();
        endpoints.MapWebhooks();
        endpoints.MapCasesAndEvidence();
        endpoints.MapAlerts();
        endpoints.MapGroups();
        endpoints.MapGroupMessages();
        endpoints.MapInbox();
        endpoints.MapApiKeys();
        endpoints.MapAudit();
        endpoints.MapImports();
        endpoints.MapStatistics();
        endpoints.MapIdentifiers();
        endpoints.MapConveyances();
        endpoints.MapWatchLists();
        endpoints.MapScreening();
        endpoints.MapRiskRules();
    }
}
