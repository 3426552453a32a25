using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Hosting.Worker;

/// <summary>The one HTTP function: every request under the host's "api" route prefix runs the app's pipeline.
/// Anonymous at the host: authentication and authorization are the app's own, per endpoint.</summary>
internal sealed class HttpApiFunction(AspNetCorePipeline pipeline)
{
    [Function("HttpApi")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")]
        HttpRequest request)
    {
        await pipeline.InvokeAsync(request.HttpContext);

        // The pipeline has written the response; an empty result keeps the worker from writing one of its own.
        return Results.Empty;
    }
}
