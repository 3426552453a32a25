using Enforcement.Functions.Cases.Bundles;
using Enforcement.Functions.Exhibits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Cases;

internal static class CasesRegistration
{
    public const string Section = "Cases";

    public static IHostApplicationBuilder AddCases(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<CaseOptions>().BindConfiguration(Section)
            .ValidateDataAnnotations()
            .Validate(o => o.StageDeadlineDays.All(d => CaseCodes.Stages.Contains(d.Key) && d.Value is > 0 and <= 3650),
                "Cases:StageDeadlineDays must name legal stages with 1 to 3650 days.")
            .Validate(o => development || !string.IsNullOrWhiteSpace(o.BundleSigningKey),
                "Cases:BundleSigningKey must be set (an ECDSA P-256 private key in PKCS#8 PEM; in Azure a Key Vault reference).")
            .Validate(o => o.BundleSigningKey is null || !o.BundleSigningKey.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal),
                "Cases:BundleSigningKey is an unresolved Key Vault reference: set the secret and grant the app's identity access.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CaseStore>();
        builder.Services.AddSingleton<CaseAccess>();
        builder.Services.AddSingleton<CaseDeadlines>();
        builder.Services.AddSingleton<CaseIndexes>();
        builder.Services.AddSingleton<BundleSigner>();
        builder.Services.AddSingleton<CaseBundleBuilder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCasesAndEvidence(this IEndpointRouteBuilder app)
    {
        var group = app.MapCases();
        group.MapCaseDocuments(app.ServiceProvider.GetRequiredService<IOptions<CaseOptions>>().Value.MaxDocumentBytes);
        group.MapCaseJournal();
        group.MapCaseTasks();
        group.MapCaseLinks();
        group.MapCaseBundles();
        group.MapCaseMetrics();
        app.MapExhibits(group);
        return app;
    }
}
