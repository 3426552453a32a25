using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Enforcement.Functions.Audit;

/// <summary>Every authorisation failure (401 or 403) is audited before the challenge or forbid response.</summary>
internal sealed class AuthorizationAuditing(Auditor auditor) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged || authorizeResult.Forbidden)
        {
            var outcome = authorizeResult.Challenged ? AuditOutcomes.Unauthenticated : AuditOutcomes.Forbidden;
            var operation = $"{context.Request.Method} {context.GetEndpoint()?.DisplayName ?? context.Request.Path.ToString()}";
            await auditor.RecordAsync(context, operation.Length > 200 ? operation[..200] : operation, [], outcome);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
