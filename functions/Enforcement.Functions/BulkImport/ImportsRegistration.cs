namespace Enforcement.Functions.BulkImport;

internal static class ImportsRegistration
{
    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.MaxBytes is > 0 and <= 1024L * 1024 * 1024, "Imports:MaxBytes must be between 1 byte and 1 GiB.")
            .Validate(o => o.ChunkRows is >= 1 and <= 10_000, "Imports:ChunkRows must be 1 to 10,000.")
            .Validate(o => o.UploadSessionLifetime > TimeSpan.Zero && o.UploadSessionLifetime <= TimeSpan.FromHours(24), "Imports:UploadSessionLifetime must be at most 24 hours.")
            .Validate(o => o.InvocationBudget > TimeSpan.Zero && o.InvocationBudget <= TimeSpan.FromMinutes(8), "Imports:InvocationBudget must be at most 8 minutes (the function timeout is 10).")
            .ValidateOnStart();
        builder.Services.AddSingleton<ImportJobStore>();
        builder.Services.AddSingleton<ImportCaseNumberClaims>();
        builder.Services.AddSingleton<ImportProcessor>();
        builder.Services.AddSingleton<ImportInterruption>();
        return builder;
    }
}
