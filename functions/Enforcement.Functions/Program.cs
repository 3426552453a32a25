using Enforcement.Functions.ApiKeys;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Diagnostics;
using Enforcement.Functions.Events;
using Enforcement.Functions.Feeds;
using Enforcement.Functions.Health;
using Enforcement.Functions.Hosting.FunctionApp;
using Enforcement.Functions.Http;
using Enforcement.Functions.Links;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddFunctionApp();
builder.AddTelemetry();
builder.AddStorage();
builder.AddApiConventions();
builder.AddSecurity();
builder.AddEvents();
builder.AddSeizures();
builder.AddWebhooks();
builder.AddPersons();
builder.AddLinks();
builder.AddFeeds();
builder.AddPhotos();

var app = builder.Build();

app.UseApiConventions();
app.UseStorageServerTiming();
app.UseSecurity();

app.MapFunctionInvocations();
app.MapApiDocumentation();
app.MapHealth();
app.MapSeizures();
app.MapPersons();
app.MapLinksAndNetwork();
app.MapFeeds();
app.MapPhotos();
app.MapApiKeys();
app.MapAudit();
app.MapWebhooks();

app.Run();

/// <summary>The entry point, public so that tests can host the app.</summary>
public partial class Program;
