using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Webhooks;

/// <summary>Makes one attempt: POSTs the body, signed, to the subscription's URL through the SSRF-safe client.</summary>
internal sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string HttpClientName = "webhooks";
    private const string UserAgent = "Enforcement-Webhooks/1.0";

    public async Task<AttemptResult> SendAsync(string url, string webhookId, byte[] body, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (WebhookUrlRules.Check(url, settings.AllowPrivateNetworkTargets) is { } invalid)
        {
            return new AttemptResult(null, 0, "The URL is no longer acceptable: " + invalid);
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecrets.Sign(webhookId, timestamp, body, secrets));
        request.Headers.UserAgent.ParseAdd(UserAgent);

        var client = clients.CreateClient(HttpClientName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new AttemptResult(status, Elapsed(started), status is >= 200 and < 300 ? null : $"The endpoint answered {status}.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookTargetRefusedException refused)
        {
            return new AttemptResult(null, Elapsed(started), $"Refused before connecting: {refused.Message}.");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(null, Elapsed(started), $"The request failed ({ex.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(null, Elapsed(started), $"No response within {settings.DeliveryTimeout.TotalSeconds:0} s.");
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

internal sealed record AttemptResult(int? StatusCode, long DurationMs, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>410 Gone: the partner retired the endpoint; retrying would be pointless.</summary>
    public bool Gone => StatusCode == 410;
}
