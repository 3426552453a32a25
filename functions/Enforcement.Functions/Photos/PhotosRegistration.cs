using Enforcement.Functions.Hosting;

namespace Enforcement.Functions.Photos;

internal static class PhotosRegistration
{
    public static IHostApplicationBuilder AddPhotos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PhotoOptions>(PhotoOptions.Section);
        builder.Services.AddSingleton<PhotoStore>();
        builder.Services.AddSingleton<ImageWorkLimiter>();
        builder.Services.AddSingleton<PhotoUploadSessions>();
        return builder;
    }
}
