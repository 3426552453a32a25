using Enforcement.Functions.ApiKeys;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// Each operation's security requirement and "who may call" line, read from the endpoint's authorization metadata and
/// the policy table the server enforces (<see cref="PolicyGrants"/>). API keys carry only the roles
/// <see cref="ApiKeyEndpoints.KeyRoles"/>, so the API-key scheme is offered only where one of those roles is granted.
/// Anonymous endpoints (health, docs) get an empty requirement: no credentials.
/// </summary>
internal sealed class OperationSecurityTransformer : IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string ApiKey = "apiKey";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            operation.Description = Append(operation.Description, "**Who may call:** anyone; no credentials needed.");
            return Task.CompletedTask;
        }

        var grants = metadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy)
            .OfType<string>()
            .SelectMany(p => PolicyGrants.ByPolicy.TryGetValue(p, out var g) ? g : [])
            .Distinct()
            .ToList();
        var roles = grants.Select(g => g.Role).Distinct(StringComparer.Ordinal).ToList();
        var keyRoles = roles.Intersect(ApiKeyEndpoints.KeyRoles, StringComparer.Ordinal).ToList();

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = roles }];
        if (keyRoles.Count > 0)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = keyRoles });
        }

        var who = grants.Count == 0 ? "any authenticated caller" : string.Join(", ", grants.Select(g => g.Describe()));
        operation.Description = Append(operation.Description,
            $"**Who may call:** {who}. Records outside the caller's scope answer 404.");
        return Task.CompletedTask;
    }

    public static string Append(string? description, string line) =>
        string.IsNullOrEmpty(description) ? line : description + "\n\n" + line;
}
