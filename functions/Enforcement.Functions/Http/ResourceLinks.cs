namespace Enforcement.Functions.Http;

/// <summary>Links to the app's own resources come from the endpoints themselves (by name), so they carry the route
/// prefix and any path base the request arrived with, in both hosting modes.</summary>
internal static class ResourceLinks
{
    public static string PathTo(this HttpContext context, string endpointName, object routeValues) =>
        context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName(context, endpointName, routeValues)
        ?? throw new InvalidOperationException($"No endpoint is named '{endpointName}'.");
}
