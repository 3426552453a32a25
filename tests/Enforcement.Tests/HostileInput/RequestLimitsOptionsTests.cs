using Enforcement.Functions.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Enforcement.Tests.HostileInput;

/// <summary>The request time limits: deadlines proportional to the body, bounds checked on start, the server part
/// applied to a Kestrel (the call worker mode makes for the worker's own server).</summary>
public sealed class RequestLimitsOptionsTests
{
    [Theory]
    [InlineData(1_000L, 30)]
    [InlineData(60_000L, 30)]
    [InlineData(25L * 1024 * 1024, 1600)]
    public void TheWholeBodyDeadlineIsTheLengthAtTheMinimumRateButNeverLessThanTheFloor(long contentLength, int seconds)
    {
        var options = new RequestLimitsOptions();

        var deadline = options.BodyDeadlineFor(contentLength);

        Assert.Equal(seconds, deadline.TotalSeconds, precision: 0);
    }

    [Fact]
    public void ApplyingTheLimitsSetsKestrelsHeaderTimeoutAndMinimumBodyRate()
    {
        var kestrel = new KestrelServerOptions();

        new RequestLimitsOptions { BodyIdleTimeoutSeconds = 5, MinBodyBytesPerSecond = 8192, RequestHeadersTimeoutSeconds = 7 }.ApplyTo(kestrel);

        Assert.Equal(TimeSpan.FromSeconds(7), kestrel.Limits.RequestHeadersTimeout);
        Assert.Equal(8192, kestrel.Limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), kestrel.Limits.MinRequestBodyDataRate.GracePeriod);
    }

    [Theory]
    [InlineData(1, 16384, 30, 15)]
    [InlineData(10, 100, 30, 15)]
    [InlineData(10, 16384, 5, 15)]
    [InlineData(10, 16384, 30, 0)]
    public void OutOfRangeSettingsAreRefused(int idle, int rate, int floor, int headers)
    {
        var options = new RequestLimitsOptions { BodyIdleTimeoutSeconds = idle, MinBodyBytesPerSecond = rate, MinBodyDeadlineSeconds = floor, RequestHeadersTimeoutSeconds = headers };

        Assert.Single(RequestLimitsOptions.Violations(options));
        Assert.Empty(RequestLimitsOptions.Violations(new RequestLimitsOptions()));
    }
}
