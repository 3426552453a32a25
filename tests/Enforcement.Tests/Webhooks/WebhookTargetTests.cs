using System.Net;
using System.Text;
using Enforcement.Functions.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enforcement.Tests.Webhooks;

/// <summary>
/// The SSRF defence at connect time, through the real sender, HttpClient and SocketsHttpHandler, with a fake resolver
/// that answers each forbidden address for a harmless-looking name. Nothing here connects anywhere but 127.0.0.1.
/// </summary>
public sealed class WebhookTargetTests(WebhookTargetTests.ReceiverFixture fixture) : IClassFixture<WebhookTargetTests.ReceiverFixture>
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public sealed class ReceiverFixture : IAsyncLifetime
    {
        public TestReceiver Receiver { get; private set; } = null!;

        public async Task InitializeAsync() => Receiver = await TestReceiver.StartAsync();

        public async Task DisposeAsync() => await Receiver.DisposeAsync();
    }

    public static TheoryData<string> ForbiddenAddresses() =>
    [
        "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "192.168.255.255", "100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.0.1", "192.0.0.8",
        "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::", "::1", "fc00::1", "fd12:3456:789a::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff0e::1", "2001:db8::1", "2001::1",
        "100::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.1.1", "::ffff:100.64.0.1",
        "::ffff:0.0.0.0", "::ffff:255.255.255.255", "::127.0.0.1", "::10.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1",
        "2002:7f00:1::1", "2002:a00:1::1",
    ];

    [Theory]
    [MemberData(nameof(ForbiddenAddresses))]
    public async Task ANameResolvingToAForbiddenAddressIsRefusedBeforeConnecting(string address)
    {
        var resolver = new FakeHostResolver();
        resolver.Set("partner.example", IPAddress.Parse(address));
        using var services = Services(resolver, allowPrivateNetworkTargets: false);

        var result = await Send(services, "https://partner.example/hooks/events");

        Assert.Null(result.StatusCode);
        Assert.StartsWith("Refused before connecting: the host resolves to a forbidden address", result.Error, StringComparison.Ordinal);
        Assert.NotNull(TargetAddressRules.WhyForbidden(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.254")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddressesArePermittedTargets(string address)
    {
        var why = TargetAddressRules.WhyForbidden(IPAddress.Parse(address), allowLoopback: false);

        Assert.Null(why);
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0177.0.0.1")]
    [InlineData("0x7f.1")]
    [InlineData("127.1")]
    [InlineData("0x7f000001")]
    [InlineData("017700000001")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::ffff:7f00:1]")]
    public async Task OddSpellingsOfLoopbackAreReadAsAddressesAndRefusedWithoutAskingTheResolver(string host)
    {
        var resolver = new FakeHostResolver();
        using var services = Services(resolver, allowPrivateNetworkTargets: false);
        var connector = services.GetRequiredService<WebhookTargetConnector>();

        var parsed = TargetAddressRules.TryParseLiteral(host, out var address);
        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => connector.CheckedAddressesAsync(host, CancellationToken.None));

        Assert.True(parsed);
        Assert.Equal(IPAddress.Loopback, address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, resolver.Lookups);
    }

    [Theory]
    [InlineData("https://2130706433/hooks")]
    [InlineData("https://0177.0.0.1/hooks")]
    [InlineData("https://0x7f.1/hooks")]
    [InlineData("https://127.1/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    public async Task AnInternalAddressInTheUrlItselfIsRefusedBeforeAnyRequest(string url)
    {
        using var services = Services(new FakeHostResolver(), allowPrivateNetworkTargets: false);

        var result = await Send(services, url);

        Assert.Null(result.StatusCode);
        Assert.StartsWith("The URL is no longer acceptable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameWithOnePublicAndOneInternalAddressIsRefused()
    {
        var resolver = new FakeHostResolver();
        resolver.Set("mixed.example", IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.1.2.3"));
        using var services = Services(resolver, allowPrivateNetworkTargets: false);

        var result = await Send(services, "https://mixed.example/hooks");

        Assert.Contains("private (10.0.0.0/8)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDevelopmentSettingOpensLoopbackOverHttpAndNothingElse()
    {
        var resolver = new FakeHostResolver();
        resolver.Set("receiver.test", IPAddress.Loopback);
        resolver.Set("private.test", IPAddress.Parse("192.168.10.10"));
        using var strict = Services(resolver, allowPrivateNetworkTargets: false);
        using var development = Services(resolver, allowPrivateNetworkTargets: true);
        var url = $"http://receiver.test:{fixture.Receiver.BaseAddress.Port}/hooks/loopback";

        var refused = await Send(strict, url);
        var delivered = await Send(development, url);
        var stillPrivate = await Send(development, "https://private.test/hooks");

        Assert.StartsWith("The URL is no longer acceptable: Must use https", refused.Error, StringComparison.Ordinal);
        Assert.Equal(204, delivered.StatusCode);
        Assert.Single(fixture.Receiver.Received("loopback"));
        Assert.Contains("private (192.168.0.0/16)", stillPrivate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectsAreNotFollowed()
    {
        fixture.Receiver.Respond("redirect", 307);
        using var services = Services(new FakeHostResolver(), allowPrivateNetworkTargets: true);

        var result = await Send(services, fixture.Receiver.UrlFor("redirect"));

        Assert.Equal(307, result.StatusCode);
        Assert.False(result.Succeeded);
        Assert.Empty(fixture.Receiver.Received("redirect-redirected"));
    }

    [Fact]
    public async Task AnEndpointThatDoesNotAnswerInTimeIsAFailedAttempt()
    {
        fixture.Receiver.Delay("slow", TimeSpan.FromSeconds(3));
        using var services = Services(new FakeHostResolver(), allowPrivateNetworkTargets: true, timeout: TimeSpan.FromMilliseconds(500));

        var result = await Send(services, fixture.Receiver.UrlFor("slow"));

        Assert.Null(result.StatusCode);
        Assert.StartsWith("No response within", result.Error, StringComparison.Ordinal);
        Assert.InRange(result.DurationMs, 400, 2500);
    }

    [Fact]
    public async Task TheSenderSignsWithTheHeadersTheSpecificationNames()
    {
        using var services = Services(new FakeHostResolver(), allowPrivateNetworkTargets: true);

        var result = await Send(services, fixture.Receiver.UrlFor("headers"));

        Assert.Equal(204, result.StatusCode);
        var received = Assert.Single(fixture.Receiver.Received("headers"));
        Assert.Equal("msg_test", received.Id);
        Assert.True(StandardWebhooksCheck.Verify(Secret, received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void TheSignerAndTheTestsOwnCheckAgreeWithTheSpecificationsExample()
    {
        // The Standard Webhooks specification's published test vector: a public example, not a credential.
        var specExampleSecret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string body = "{\"test\": 2432232314}";

        var signature = WebhookSecrets.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes(body), [specExampleSecret]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        Assert.Equal("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardWebhooksCheck.Expected(specExampleSecret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body));
    }

    [Fact]
    public void NewSecretsAreStandardWebhooksSecrets()
    {
        var secret = WebhookSecrets.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.InRange(Convert.FromBase64String(secret[6..]).Length, 24, 64);
        Assert.NotEqual(secret, WebhookSecrets.NewSecret());
    }

    [Fact]
    public void TheDefaultScheduleMakesAtLeastEightAttemptsOverAboutADay()
    {
        var schedule = WebhookOptions.DefaultRetrySchedule;
        var span = schedule.Aggregate(TimeSpan.Zero, (total, delay) => total + delay);

        Assert.True(schedule.Length >= 8);
        Assert.Equal(TimeSpan.Zero, schedule[0]);
        Assert.True(schedule.Zip(schedule.Skip(1)).All(pair => pair.Second > pair.First));
        Assert.InRange(span.TotalHours, 18, 30);
        Assert.InRange((span * (1 + new WebhookOptions().RetryJitter)).TotalHours, 18, 30);
    }

    [Fact]
    public void DeliveryIdsAreStablePerEventAndSubscriptionAndListNewestFirst()
    {
        var earlier = DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var first = WebhookKeys.DeliveryId("SZ-1.v1", earlier, "wh_aaaaaaaaaaaaaaaa");
        var again = WebhookKeys.DeliveryId("SZ-1.v1", earlier, "wh_aaaaaaaaaaaaaaaa");
        var otherSubscription = WebhookKeys.DeliveryId("SZ-1.v1", earlier, "wh_bbbbbbbbbbbbbbbb");
        var later = WebhookKeys.DeliveryId("SZ-1.v2", earlier.AddSeconds(1), "wh_aaaaaaaaaaaaaaaa");

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSubscription);
        Assert.True(string.CompareOrdinal(later, first) < 0);
        Assert.True(WebhookKeys.IsDeliveryId(first));
    }

    [Theory]
    [InlineData("apikey:abc123", "apikey:abc123")]
    [InlineData("a/b\\c#d?e%f~g", "a%2Fb%5Cc%23d%3Fe%25f%7Eg")]
    [InlineData("~all", "%7Eall")]
    public void OwnerSubjectsBecomeSafePartitionKeysThatNeverLookLikeAnIndex(string subject, string partition)
    {
        Assert.Equal(partition, WebhookKeys.OwnerPartition(subject));
    }

    private static ServiceProvider Services(FakeHostResolver resolver, bool allowPrivateNetworkTargets, TimeSpan? timeout = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IWebhookHostResolver>(resolver);
        services.AddSingleton(Options.Create(new WebhookOptions
        {
            AllowPrivateNetworkTargets = allowPrivateNetworkTargets,
            DeliveryTimeout = timeout ?? TimeSpan.FromSeconds(15),
        }));
        services.AddSingleton(TimeProvider.System);
        services.AddWebhookSender();
        return services.BuildServiceProvider();
    }

    private static Task<AttemptResult> Send(ServiceProvider services, string url) =>
        services.GetRequiredService<WebhookSender>().SendAsync(url, "msg_test", Encoding.UTF8.GetBytes("{\"type\":\"webhook.ping\"}"), [Secret], CancellationToken.None);
}
