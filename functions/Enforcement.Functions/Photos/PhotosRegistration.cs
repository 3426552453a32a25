
namespace Enforcement.Functions.Photos;

internal static class PhotosRegistration
{
    public static IHostApplicationBuilder AddPhotos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PhotoOptions>().BindConfiguration(PhotoOptions.Section)
            .Validate(o => o.MaxBytes is > 0 and <= int.MaxValue / 2, "Photos:MaxBytes must be between 1 byte and 1 GiB.")
            .Validate(o => o.MaxPixels > 0 && o.ThumbnailSize is >= 16 and <= 2048, "Photos:MaxPixels and Photos:ThumbnailSize must be positive (thumbnail 16 to 2048).")
            .Validate(o => o.JpegQuality is >= 50 and <= 100 && o.ThumbnailJpegQuality is >= 30 and <= 100, "Photos JPEG qualities must be 50 to 100 (thumbnail 30 to 100).")
            .Validate(o => o.UploadSessionLifetime > TimeSpan.Zero && o.UploadSessionLifetime <= TimeSpan.FromHours(6), "Photos:UploadSessionLifetime must be at most 6 hours.")
            .Validate(o => o.MaxConcurrentImageWork >= 0, "Photos:MaxConcurrentImageWork must be 0 (one per core) or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PhotoStore>();
        builder.Services.AddSingleton<ImageWorkLimiter>();
        builder.Services.AddSingleton<PhotoUploadSessions>();
        return builder;
    }
}
