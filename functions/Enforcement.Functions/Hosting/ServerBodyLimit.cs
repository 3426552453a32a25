using Enforcement.Functions.Photos;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Enforcement.Functions.Hosting;

/// <summary>
/// The server-wide request body limit: the largest body any endpoint accepts (a photo in a multipart form). Each
/// endpoint then narrows it with its own limit. Both modes apply it to their Kestrel; in worker mode that is the
/// worker's own Kestrel behind the host's proxy, which otherwise keeps ASP.NET Core's 30,000,000-byte default, and a
/// larger upload would die mid-forward as a 502 instead of a 413.
/// </summary>
internal static class ServerBodyLimit
{
    public static void ApplyTo(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var photos = new PhotoOptions { MaxBytes = configuration.GetValue<long?>($"{PhotoOptions.Section}:{nameof(PhotoOptions.MaxBytes)}") ?? new PhotoOptions().MaxBytes };
        kestrel.Limits.MaxRequestBodySize = photos.RequestBodyLimit(HostMode.BehindFunctionsProxy(configuration));
    }
}
