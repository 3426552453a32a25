using Microsoft.AspNetCore.Authorization;

namespace Enforcement.Functions.Audit;

internal static class AuditRegistration
{
    /// <summary>The hash-chained audit trail, its hourly anchors, and the auditing of every refused request.</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<Auditor>();
        builder.Services.AddSingleton<AuditAnchors>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationAuditing>();
        return builder;
    }
}
