using Enforcement.Functions.Hosting;

namespace Enforcement.Functions.Http;

/// <summary>What to do with the rest of a request body the app refuses before reading it all (a photo over the limit).</summary>
internal static class UnreadBody
{
    /// <summary>
    /// Standalone, the client is at the other end of the connection: close it rather than drain megabytes over a slow
    /// network, and say so, so that the client does not reuse it. Behind the Functions host's proxy the other end is the
    /// proxy on the same machine, still sending: closing would make it answer 502 instead of our 413, so the rest is read
    /// and dropped (up to the endpoint's body limit; past that Kestrel ends the connection, as it must).
    /// </summary>
    public static async Task SettleAsync(HttpContext context)
    {
        if (!HostMode.BehindFunctionsProxy(context.RequestServices.GetRequiredService<IConfiguration>()))
        {
            context.Response.Headers.Connection = "close";
            return;
        }

        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            context.Response.Headers.Connection = "close";
        }
    }
}
