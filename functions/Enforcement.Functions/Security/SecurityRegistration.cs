using Enforcement.Functions.Hosting;
using System.Globalization;
using System.Threading.RateLimiting;
using Enforcement.Functions.ApiKeys;
using Enforcement.Functions.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Enforcement.Functions.Security;

/// <summary>
/// Authentication (JWT bearer from Authentication:Schemes:Bearer, e.g. Entra ID or dotnet user-jwts; API keys),
/// role policies, per-caller rate limits and the audit trail. Nothing is reachable anonymously except health and docs.
/// </summary>
internal static class SecurityRegistration
{
    private const string SchemeSelector = "BearerOrApiKey";

    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section);
        services.AddMemoryCache();
        services.AddTransient<IClaimsTransformation, RoleClaimsTransformation>();

        services.AddAuthentication(SchemeSelector)
            .AddPolicyScheme(SchemeSelector, "Bearer token or API key", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith(ApiKeyAuthenticationHandler.HeaderPrefix, StringComparison.OrdinalIgnoreCase)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme;
            })
            .AddJwtBearer(options =>
            {
                // Keep the token's claim names ("sub", "role", "office") instead of mapping them to long URIs.
                options.MapInboundClaims = false;
                options.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                options.TokenValidationParameters.NameClaimType = ClaimNames.Subject;
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = context =>
                    {
                        context.Response.Headers.Append("WWW-Authenticate", "ApiKey realm=\"enforcement\"");
                        return Task.CompletedTask;
                    },
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, grants) in PolicyGrants.ByPolicy)
        {
            authorization.AddPolicy(policy, p => p.RequireAssertion(c => grants.Any(g => g.IsMetBy(c.User))));
        }

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
                var caller = context.Caller();
                return caller.IsAuthenticated
                    ? RateLimitPartition.GetFixedWindowLimiter("caller:" + caller.Subject, _ => Window(settings.PermitsPerMinute))
                    : RateLimitPartition.GetFixedWindowLimiter("client:" + context.Connection.RemoteIpAddress, _ => Window(settings.AnonymousPermitsPerMinute));
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "This caller has sent too many requests; retry after the number of seconds in Retry-After.").ExecuteAsync(rejected.HttpContext);
            };
        });

        return builder;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
