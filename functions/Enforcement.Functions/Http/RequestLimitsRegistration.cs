using Enforcement.Functions.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Http;

/// <summary>Request limits bound from "RequestLimits", validated on start, applied to Kestrel and to every body.</summary>
internal static class RequestLimitsRegistration
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RequestLimitsOptions>(RequestLimitsOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) => limits.Value.ApplyTo(kestrel));
        return services;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyDeadlines>();
}
