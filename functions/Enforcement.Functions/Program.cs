using Enforcement.Functions.ApiKeys;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Diagnostics;
using Enforcement.Functions.Events;
using Enforcement.Functions.Feeds;
using Enforcement.Functions.Health;
using Enforcement.Functions.Hosting.FunctionApp;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddFunctionApp();
builder.AddStorage();
builder.AddApiConventions();
builder.AddSecurity();
builder.AddEvents();
builder.AddSeizures();
builder.AddFeeds();

var app = builder.Build();

app.UseApiConventions();
app.UseStorageServerTiming();
app.UseSecurity();

app.MapFunctionInvocations();
app.MapApiDocumentation();
app.MapHealth();
app.MapSeizures();
app.MapFeeds();
app.MapApiKeys();
app.MapAudit();

app.Run();

/// <summary>The entry point, public so that tests can host the app.</summary>
public partial class Program;
