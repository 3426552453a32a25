using Microsoft.AspNetCore.Http.Features;

namespace Enforcement.Functions.Hosting.Worker;

/// <summary>
/// Worker mode: the app's ASP.NET Core pipeline (routing, problem details, Server-Timing, authentication, rate limits,
/// authorization, every endpoint), built once from the worker's services and run inside the catch-all function on
/// the HttpContext the worker hands over. The worker's own pipeline cannot take middleware, so all of ours lives here.
/// Routes keep their "/api" prefix (the host's route prefix), so paths and links are the same in both modes.
/// </summary>
internal sealed class AspNetCorePipeline(IServiceProvider services, AppComposition app)
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() => Build(services, app), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the endpoints at start-up, so that OpenAPI and LinkGenerator see them before the first request.</summary>
    public void EnsureBuilt() => _ = _pipeline.Value;

    private static RequestDelegate Build(IServiceProvider services, AppComposition app)
    {
        var builder = new ApplicationBuilder(services);
        builder.UseRouting();
        app.UseMiddleware(builder);
        builder.UseEndpoints(app.MapEndpoints);
        return builder.Build();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        // The worker's routing has already matched its "api/{*path}" endpoint, and routing skips matching when an
        // endpoint is set: left in place, our endpoints would never be matched and authentication never run.
        var workerEndpoint = context.GetEndpoint();
        var workerRouteValues = context.Features.Get<IRouteValuesFeature>()?.RouteValues;
        context.SetEndpoint(null);
        context.Request.RouteValues = [];
        try
        {
            await _pipeline.Value(context);
        }
        finally
        {
            context.SetEndpoint(workerEndpoint);
            if (workerRouteValues is not null)
            {
                context.Request.RouteValues = workerRouteValues;
            }
        }
    }
}
