using System.Reflection;
using System.Text.Json.Nodes;
using Enforcement.Functions.Security;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.ApiDocs;

/// <summary>
/// Walks every API endpoint the app maps and checks its operation in the served document: a security requirement
/// (or none by design, for health and docs) with the roles the policy grants, every 4xx it can return documented as a
/// problem, and no request or response schema with an unconstrained string, integer or array.
/// </summary>
public sealed class EndpointContractTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] AnonymousByDesign = ["/api/health"];

    [Fact]
    public async Task EveryOperationThatTakesOrReturnsJsonHasAnExample()
    {
        var document = JsonNode.Parse(await fixture.App.Client().GetStringAsync("/api/openapi/v1.json"))!;
        var missing = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (node is not JsonObject operation || operation["responses"] is not JsonObject responses)
                {
                    continue;
                }

                var bodies = (operation["requestBody"]?["content"]?.AsObject() ?? []).Select(c => ("request", c.Key, c.Value))
                    .Concat(responses.Where(r => r.Key.StartsWith('2')).SelectMany(r => (r.Value?["content"]?.AsObject() ?? []).Select(c => (r.Key, c.Key, c.Value))));
                missing.AddRange(bodies
                    .Where(b => b.Item2.Contains("json", StringComparison.Ordinal) && b.Item3?["example"] is null && b.Item3?["examples"] is null)
                    .Select(b => $"{method.ToUpperInvariant()} {path} {b.Item1} {b.Item2}"));
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public async Task EveryOperationIsSecuredDocumentsItsProblemsAndConstrainsItsStrings()
    {
        var document = JsonNode.Parse(await fixture.App.Client().GetStringAsync("/api/openapi/v1.json"))!;
        var endpoints = Endpoints();
        var failures = new List<string>();

        foreach (var (endpoint, method) in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
            var name = $"{method} {path}";
            if (operation is null)
            {
                failures.Add($"{name}: not in the document");
                continue;
            }

            CheckSecurity(name, endpoint, operation, failures);
            CheckProblems(name, endpoint, operation, failures);
            foreach (var (where, schema) in Schemas(operation))
            {
                CheckConstrained(document, $"{name} {where}", schema, failures, depth: 0);
            }
        }

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryWebhookEventTypeIsDescribedWithItsSignatureHeaders()
    {
        var document = JsonNode.Parse(await fixture.App.Client().GetStringAsync("/api/openapi/v1.json"))!;

        var webhooks = document["webhooks"]!.AsObject();
        Assert.Equal(["alert.published", "feed.published", "photo.ready", "seizure.recorded", "seizure.updated", "webhook.ping"], webhooks.Select(w => w.Key).Order(StringComparer.Ordinal));
        foreach (var (_, item) in webhooks)
        {
            var post = item!["post"]!;
            Assert.Equal(["webhook-id", "webhook-signature", "webhook-timestamp"],
                post["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.NotNull(post["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!["data"]);
        }
    }

    [Fact]
    public async Task SchemasCarryTheValidatorsCodeListsAndLimits()
    {
        var schemas = JsonNode.Parse(await fixture.App.Client().GetStringAsync("/api/openapi/v1.json"))!["components"]!["schemas"]!;

        var facts = schemas["SeizureFacts"]!;
        Assert.Equal(["detectionMethod", "items", "office", "procedure", "seizedAt"], facts["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(Functions.Seizures.SeizureCodes.Procedures.Order(StringComparer.Ordinal), facts["properties"]!["procedure"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(Functions.Seizures.SeizureValidator.MaxNarrativeLength, facts["properties"]!["narrative"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(Functions.Seizures.SeizureValidator.MaxItems, facts["properties"]!["items"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(Functions.ReferenceData.CountryCodes.All.Count, schemas["Route"]!["properties"]!["departureCountry"]!["enum"]!.AsArray().Count);
        Assert.True(schemas["Seizure"]!["properties"]!["id"]!["readOnly"]!.GetValue<bool>());
        Assert.Equal("date-time", schemas["Seizure"]!["properties"]!["recordedAt"]!["format"]!.GetValue<string>());
        Assert.Empty(schemas["SeizureFactsPatch"]!["required"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task HealthDocumentsItsOutageAndTheDocsPageOffersBothSchemes()
    {
        var document = JsonNode.Parse(await fixture.App.Client().GetStringAsync("/api/openapi/v1.json"))!;
        var page = await fixture.App.Client().GetStringAsync("/api/docs");

        Assert.Equal("#/components/schemas/HealthReport", document["paths"]!["/api/health"]!["get"]!["responses"]!["503"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["apiKey", "bearer"], document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Contains("\"bearer\"", page, StringComparison.Ordinal);
        Assert.Contains("\"apiKey\"", page, StringComparison.Ordinal);
    }

    private List<(RouteEndpoint Endpoint, string Method)> Endpoints() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/api/docs", StringComparison.Ordinal) && !e.RoutePattern.RawText!.StartsWith("/api/openapi", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (e, m)))
            .ToList();

    private static void CheckSecurity(string name, RouteEndpoint endpoint, JsonNode operation, List<string> failures)
    {
        var security = operation["security"]?.AsArray();
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            if (!AnonymousByDesign.Contains(endpoint.RoutePattern.RawText) || security is not { Count: 0 })
            {
                failures.Add($"{name}: anonymous, but not by design or not documented as such");
            }

            return;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        var roles = policies.SelectMany(p => PolicyGrants.ByPolicy[p]).Select(g => g.Role).Distinct().Order(StringComparer.Ordinal).ToList();
        var bearer = security?.Select(r => r?["bearer"]).OfType<JsonArray>().FirstOrDefault();
        if (security is not { Count: > 0 } || bearer is null)
        {
            failures.Add($"{name}: no security requirement");
        }
        else if (!bearer.Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).SequenceEqual(roles))
        {
            failures.Add($"{name}: bearer roles {string.Join(",", bearer)} are not the policy's {string.Join(",", roles)}");
        }
    }

    /// <summary>The 4xx an endpoint can return, from its metadata and its handler's result types.</summary>
    private static void CheckProblems(string name, RouteEndpoint endpoint, JsonNode operation, List<string> failures)
    {
        var expected = new SortedSet<string> { "429" };
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            expected.UnionWith(["401", "403"]);
        }

        if (endpoint.RoutePattern.Parameters.Count > 0)
        {
            expected.Add("404");
        }

        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            expected.UnionWith(["400", "413", "415"]);
        }

        var results = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.ReturnType is { } returnType ? ResultTypes(returnType) : [];
        if (results.Contains(typeof(ValidationProblem)))
        {
            expected.Add("400");
        }

        var responses = operation["responses"]!.AsObject();
        foreach (var status in expected.Where(s => !responses.ContainsKey(s)))
        {
            failures.Add($"{name}: {status} is not documented");
        }

        foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')))
        {
            var schema = response?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
            if (schema is not ("#/components/schemas/Problem" or "#/components/schemas/ValidationProblem") && !(name == "GET /api/health" && status == "503"))
            {
                failures.Add($"{name}: {status} is not an application/problem+json Problem");
            }
        }

        if (results.Any(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Created<>)))
        {
            var created = responses["201"];
            if (created?["headers"]?["Location"] is null && name != "POST /api/seizures/{id}/photos/uploads")
            {
                failures.Add($"{name}: 201 without a Location header");
            }
        }
    }

    private static List<Type> ResultTypes(Type type)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return type.IsGenericType && type.Name.StartsWith("Results`", StringComparison.Ordinal) ? [.. type.GetGenericArguments()] : [type];
    }

    private static IEnumerable<(string Where, JsonNode Schema)> Schemas(JsonNode operation)
    {
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            yield return ($"parameter {parameter!["name"]}", parameter["schema"]!);
        }

        foreach (var (type, media) in operation["requestBody"]?["content"]?.AsObject() ?? [])
        {
            yield return ($"request {type}", media!["schema"]!);
        }

        foreach (var (status, response) in operation["responses"]!.AsObject())
        {
            foreach (var (type, media) in response?["content"]?.AsObject() ?? [])
            {
                if (media?["schema"] is { } schema)
                {
                    yield return ($"response {status} {type}", schema);
                }
            }

            foreach (var (header, value) in response?["headers"]?.AsObject() ?? [])
            {
                yield return ($"response {status} header {header}", value!["schema"]!);
            }
        }
    }

    private static void CheckConstrained(JsonNode document, string where, JsonNode schema, List<string> failures, int depth)
    {
        if (depth > 12)
        {
            return;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            CheckConstrained(document, where, document["components"]!["schemas"]![reference.Split('/')[^1]]!, failures, depth + 1);
            return;
        }

        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };
        if (types.Contains("string") && schema["maxLength"] is null && schema["enum"] is null && schema["const"] is null)
        {
            failures.Add($"{where}: unconstrained string");
        }

        if (types.Contains("integer") && (schema["minimum"] is null || schema["maximum"] is null))
        {
            failures.Add($"{where}: integer without minimum and maximum");
        }

        if (types.Contains("array") && schema["maxItems"] is null)
        {
            failures.Add($"{where}: array without maxItems");
        }

        foreach (var (property, value) in schema["properties"]?.AsObject() ?? [])
        {
            CheckConstrained(document, $"{where}.{property}", value!, failures, depth + 1);
        }

        foreach (var key in new[] { "items", "additionalProperties" })
        {
            if (schema[key] is JsonObject nested)
            {
                CheckConstrained(document, $"{where}[]", nested, failures, depth + 1);
            }
        }

        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
        {
            foreach (var nested in schema[key]?.AsArray() ?? [])
            {
                CheckConstrained(document, where, nested!, failures, depth + 1);
            }
        }
    }
}
