using Microsoft.AspNetCore.Authorization;

namespace Enforcement.Functions.Security;

/// <summary>The host's invocation requests carry no user: they are allowed only over loopback, where only the host is.</summary>
internal sealed class FunctionsHostRequirement : AuthorizationHandler<FunctionsHostRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FunctionsHostRequirement requirement)
    {
        if (context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
