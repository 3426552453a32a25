// The mobile app's path through a Kiota client generated from the served OpenAPI document, compiled and run by
// GeneratedClientTests. It uses the typed client only: every answer is a typed model or a typed problem, and any
// other exception ends the program with a failure. Each outcome is printed as one "step key=value ..." line.
using Enforcement.Client;
using Enforcement.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var baseUrl = args[0];
var token = Environment.GetEnvironmentVariable("ENFORCEMENT_TOKEN") ?? throw new InvalidOperationException("ENFORCEMENT_TOKEN is not set.");
using var http = new HttpClient();
var adapter = new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticToken(token)), httpClient: http) { BaseUrl = baseUrl };
var client = new EnforcementClient(adapter);

var key = Guid.NewGuid().ToString();
var facts = new SeizureFacts
{
    SeizedAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5)).AddMinutes(-30).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
    Office = "PKKHI-APFT",
    Procedure = SeizureFacts_procedure.Export,
    DetectionMethod = SeizureFacts_detectionMethod.NiiScan,
    Items = [new SeizedItem { Category = SeizedItem_category.Drugs, Description = "Heroin in 24 packets", HsCode = "2939.11", Quantity = 12.4, Unit = SeizedItem_unit.Kg }],
    Conveyance = new Conveyance { Mode = Conveyance_mode.Sea, VesselImo = "9074729", ContainerNumbers = ["CSQU3054383"] },
    Route = new Route { DepartureCountry = Route_departureCountry.PK, DestinationCountry = Route_destinationCountry.NL },
};

var recorded = await client.Api.Seizures.PostAsync(facts, c => c.Headers.Add("Idempotency-Key", key));
Console.WriteLine($"recorded id={recorded!.Id} etag={recorded.Etag} version={recorded.Version}");

var replayed = await client.Api.Seizures.PostAsync(facts, c => c.Headers.Add("Idempotency-Key", key));
Console.WriteLine($"replayed id={replayed!.Id} version={replayed.Version}");

var read = await client.Api.Seizures[recorded.Id].GetAsync();
Console.WriteLine($"read id={read!.Id} etag={read.Etag} category={read.Items![0].Category} container={read.Conveyance!.ContainerNumbers![0]}");

var corrected = await client.Api.Seizures[recorded.Id].PatchAsync(
    new SeizureFactsPatch { Narrative = "Corrected: the packets were in the container's front wall." },
    c => c.Headers.Add("If-Match", read.Etag!));
Console.WriteLine($"corrected id={corrected!.Id} etag={corrected.Etag} version={corrected.Version}");

await Problem("400", () => client.Api.Seizures.PostAsync(new SeizureFacts { Office = "PKKHI-APFT", Items = [] }));
await Problem("404", () => client.Api.Seizures["SZ-202611-000000000000000000"].GetAsync());
await Problem("412", () => client.Api.Seizures[recorded.Id].PatchAsync(new SeizureFactsPatch { Narrative = "Stale." }, c => c.Headers.Add("If-Match", read.Etag!)));
facts.Narrative = "Another report under the same key.";
await Problem("422", () => client.Api.Seizures.PostAsync(facts, c => c.Headers.Add("Idempotency-Key", key)));
await Problem("428", () => client.Api.Seizures[recorded.Id].PatchAsync(new SeizureFactsPatch { Narrative = "No If-Match." }));
return 0;

static async Task Problem(string expected, Func<Task> call)
{
    try
    {
        await call();
        Console.WriteLine($"problem expected={expected} status=none");
    }
    catch (ValidationProblem problem)
    {
        var fields = string.Join(",", (problem.Errors?.AdditionalData.Keys ?? []).Order(StringComparer.Ordinal));
        Console.WriteLine($"problem expected={expected} status={problem.ResponseStatusCode} type=ValidationProblem title={problem.Title?.Replace(' ', '_')} fields={fields}");
    }
    catch (Problem problem)
    {
        Console.WriteLine($"problem expected={expected} status={problem.ResponseStatusCode} type=Problem title={problem.Title?.Replace(' ', '_')}");
    }
}

internal sealed class StaticToken(string token) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new();

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(token);
}
