using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Http;

/// <summary>
/// How an endpoint declares its JSON body: the contract type and media type for OpenAPI, the body size limit, and a
/// 415 problem for any other Content-Type before the handler runs. Handlers then read the body with
/// <see cref="JsonBody"/>.
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
                JsonBody.HasJsonContentType(invocation.HttpContext.Request, mediaType)
                    ? await next(invocation)
                    : Problems.UnsupportedMediaType(mediaType));
    }
}
