using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Http;

/// <summary>
/// How an endpoint declares its JSON body: the contract type and media type for OpenAPI, the body size limit, and a
/// 415 problem for any other Content-Type before the handler runs, and no body left unread after it. Handlers read the
/// body with <see cref="JsonBody"/>.
/// </summary>
internal static class JsonBodyEndpoints
{
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder, string mediaType = "application/json")
        where TBody : notnull
    {
        builder.Add(endpoint => endpoint.Metadata.Add(
            new RequestSizeLimitAttribute(endpoint.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.MaxJsonBodyBytes)));
        return builder
            .Accepts<TBody>(mediaType)
            .AddEndpointFilter(async (invocation, next) =>
            {
                var result = JsonBody.HasJsonContentType(invocation.HttpContext.Request, mediaType)
                    ? await next(invocation)
                    : Problems.UnsupportedMediaType(mediaType);
                await ReadWhatWasLeftAsync(invocation.HttpContext);
                return result;
            });
    }

    /// <summary>
    /// An answer given before the body was read (415, or a 404 for a record out of scope) leaves the body on the
    /// connection; a body over the limit cannot be drained by Kestrel and the client's next request on that connection
    /// would be reset. So the rest is read here, within the limit, and past it the client is told the connection closes.
    /// A handler that read its body leaves nothing, and this costs nothing.
    /// </summary>
    private static async Task ReadWhatWasLeftAsync(HttpContext context)
    {
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.Headers.Connection = "close";
            }
        }
    }
}
