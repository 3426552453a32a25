using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enforcement.Functions.ApiKeys;

/// <summary>Admins issue, list, revoke and rotate API keys for RILOs and partner systems.</summary>
internal static class ApiKeyEndpoints
{
    public const int MaxNameLength = 100;

    internal static readonly string[] KeyRoles = [Roles.Rilo, Roles.Partner];

    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/api-keys").WithTags("API keys").RequireAuthorization(Policies.Administer);
        group.MapPost("/", CreateApiKey).WithName(nameof(CreateApiKey)).AcceptsJson<CreateApiKeyRequest>()
            .WithSummary("Issue an API key (the key is in this response only)");
        group.MapGet("/", ListApiKeys).WithName(nameof(ListApiKeys)).WithSummary("List API keys (never their secrets)");
        group.MapDelete("/{id}", RevokeApiKey).WithName(nameof(RevokeApiKey)).WithSummary("Revoke an API key");
        group.MapPost("/{id}/rotate", RotateApiKey).WithName(nameof(RotateApiKey)).WithSummary("Issue a new secret for a key; the old one stops working");
        return group;
    }

    public static async Task<Results<Created<IssuedApiKey>, ValidationProblem, ProblemHttpResult>> CreateApiKey(
        HttpContext context, ApiKeyStore keys, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CreateApiKeyRequest>(context.Request, cancellationToken);
        if (!request.Succeeded)
        {
            return Problems.Invalid(request.Errors);
        }

        var (name, role, region, expiresAt) = (request.Value!.Name?.Trim(), request.Value.Role?.Trim().ToLowerInvariant(), request.Value.Region?.Trim().ToUpperInvariant(), request.Value.ExpiresAt);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors["name"] = ["Required: 1 to 100 characters naming the organisation or system."];
        }

        if (role is null || !KeyRoles.Contains(role))
        {
            errors["role"] = [$"Must be one of {string.Join(", ", KeyRoles)}: API keys are for organisations outside the national identity tenant."];
        }

        if (role == Roles.Rilo && (region is null || !WcoRegions.IsKnown(region)))
        {
            errors["region"] = [$"A rilo key needs its WCO region: one of {string.Join(", ", WcoRegions.All)}."];
        }
        else if (role != Roles.Rilo && region is not null)
        {
            errors["region"] = ["Only rilo keys have a region."];
        }

        if (expiresAt is not null && expiresAt <= time.GetUtcNow())
        {
            errors["expiresAt"] = ["Must be in the future."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var issued = await keys.CreateAsync(name!, role!, region, expiresAt, caller.Subject, cancellationToken);
        await auditor.RecordAsync(context, "api-key.create", [issued.Id], AuditOutcomes.Authorized);
        return TypedResults.Created($"/api/admin/api-keys/{issued.Id}", issued);
    }

    public static async Task<Ok<ApiKeyList>> ListApiKeys(HttpContext context, ApiKeyStore keys, Auditor auditor, CancellationToken cancellationToken)
    {
        await auditor.RecordAsync(context, "api-key.list", [], AuditOutcomes.Read);
        return TypedResults.Ok(new ApiKeyList(await keys.ListAsync(cancellationToken)));
    }

    public static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> RevokeApiKey(string id, HttpContext context, ApiKeyStore keys, Auditor auditor, CancellationToken cancellationToken)
    {
        await auditor.RecordAsync(context, "api-key.revoke", [id], AuditOutcomes.Authorized);
        var revoked = await keys.RevokeAsync(id, context.Caller().Subject, cancellationToken);
        return revoked is null ? Problems.NotFound("API key") : TypedResults.Ok(revoked);
    }

    public static async Task<Results<Ok<IssuedApiKey>, ProblemHttpResult>> RotateApiKey(string id, HttpContext context, ApiKeyStore keys, Auditor auditor, CancellationToken cancellationToken)
    {
        await auditor.RecordAsync(context, "api-key.rotate", [id], AuditOutcomes.Authorized);
        var rotated = await keys.RotateAsync(id, cancellationToken);
        return rotated is null ? Problems.NotFound("usable API key") : TypedResults.Ok(rotated);
    }
}
