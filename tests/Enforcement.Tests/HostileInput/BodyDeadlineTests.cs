using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.HostileInput;

/// <summary>
/// The whole-body deadline holds in the app's pipeline even where the server's own minimum data rate is not
/// configured (a worker's Kestrel that nobody applied RequestLimitsOptions to): a client trickling a byte every
/// half second is never idle, yet it is cut off with 408 once its deadline has passed.
/// </summary>
public sealed class BodyDeadlineTests(BodyDeadlineTests.UnlimitedServerApp fixture) : IClassFixture<BodyDeadlineTests.UnlimitedServerApp>
{
    public const int DeadlineSeconds = 4;

    public sealed class UnlimitedServerApp : IAsyncLifetime
    {
        public EnforcementApp App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await NoServerRateApp.StartAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private sealed class NoServerRateApp(TestAzurite.Instance azurite) : EnforcementApp(azurite, new Dictionary<string, string?>
    {
        ["RequestLimits:BodyIdleTimeoutSeconds"] = "2",
        ["RequestLimits:MinBodyDeadlineSeconds"] = DeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    })
    {
        public static async Task<EnforcementApp> StartAsync() => await StartServerAsync(new NoServerRateApp(await TestAzurite.GetAsync()));

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Limits.MinRequestBodyDataRate = null);
    }

    [Fact]
    public async Task ABodyTrickledBelowTheMinimumRateIsCutOffWith408AtItsDeadline()
    {
        var head = "{\"narrative\":\""u8.ToArray();

        var (status, headers, elapsed) = await SlowBodyTests.SendSlowlyAsync(fixture.App, "POST", "/api/seizures", "application/json", head,
            declaredLength: 20_000, trickle: TimeSpan.FromMilliseconds(500));

        Assert.Equal(408, status);
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(DeadlineSeconds - 0.5), TimeSpan.FromSeconds(DeadlineSeconds + 3));
    }
}
