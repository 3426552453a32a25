namespace Enforcement.Tests.Webhooks;

/// <summary>Settings that would weaken the defences outside Development stop the app from starting.</summary>
public sealed class WebhookConfigurationTests
{
    /// <summary>Outside Development the app also needs its court-bundle signing key to start.</summary>
    private static readonly string BundleSigningKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    private const string Key = "q83vEjRWeJC8xJuuOdGbXQJ2Uh4tYKQ7wTfAH3Fp0zM=";

    [Theory]
    [InlineData("Production", "true", Key, "AllowPrivateNetworkTargets")]
    [InlineData("Staging", "true", Key, "AllowPrivateNetworkTargets")]
    [InlineData("Production", "false", null, "SecretEncryptionKey is required")]
    [InlineData("Development", "false", "c2hvcnQ=", "SecretEncryptionKey must be the base64")]
    [InlineData("Production", "false", "@Microsoft.KeyVault(SecretUri=https://vault/secrets/webhook-secret-key)", "unresolved Key Vault reference")]
    public async Task TheAppRefusesToStartWithUnsafeWebhookSettings(string environment, string allowPrivate, string? key, string complaint)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateNetworkTargets"] = allowPrivate,
            ["Webhooks:SecretEncryptionKey"] = key,
            ["Cases:BundleSigningKey"] = BundleSigningKey,
        };

        var failure = await Record.ExceptionAsync(async () => await (await WebhookTestApp.StartAsync(settings, environment)).DisposeAsync());

        Assert.NotNull(failure);
        Assert.Contains(complaint, Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetryScheduleThatDelaysTheFirstAttemptIsRefused()
    {
        var settings = new Dictionary<string, string?> { ["Webhooks:RetrySchedule:0"] = "00:05:00", ["Webhooks:RetrySchedule:1"] = "01:00:00" };

        var failure = await Record.ExceptionAsync(async () => await (await WebhookTestApp.StartAsync(settings)).DisposeAsync());

        Assert.NotNull(failure);
        Assert.Contains("RetrySchedule", Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionStartsWithAKeyAndNoDevelopmentSettings()
    {
        await using var app = await WebhookTestApp.StartAsync(new Dictionary<string, string?> { ["Webhooks:SecretEncryptionKey"] = Key, ["Feeds:PseudonymKey"] = Key, ["Cases:BundleSigningKey"] = BundleSigningKey }, "Production");
        using var partner = app.ClientAs("partner", subject: "partner-production");

        var created = await partner.SubscribeAsync(new { url = "https://hooks.example.org/production", events = new[] { "webhook.ping" } });

        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
