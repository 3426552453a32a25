using Enforcement.Functions.Hosting;

namespace Enforcement.Functions.Webhooks;

/// <summary>Configuration section "Webhooks" (environment: Webhooks__AllowPrivateNetworkTargets and so on).</summary>
internal sealed class WebhookOptions : IValidatedOptions
{
    public const string Section = "Webhooks";

    /// <summary>The delay before each attempt, counted from the attempt before: 8 attempts over about 22 hours
    /// (each delay spread by the jitter). The first attempt is immediate.</summary>
    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.Zero,
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(3),
        TimeSpan.FromHours(6),
        TimeSpan.FromHours(12),
    ];

    /// <summary>AES-256 key (base64 of 32 bytes) that encrypts the signing secrets at rest; in Azure a Key Vault reference.</summary>
    public string? SecretEncryptionKey { get; set; }

    /// <summary>Development only: lets webhooks reach loopback addresses over plain http (a receiver on 127.0.0.1).</summary>
    public bool AllowPrivateNetworkTargets { get; set; }

    /// <summary>Replaces <see cref="DefaultRetrySchedule"/> (Webhooks:RetrySchedule:0, :1, ...), e.g. seconds in tests.
    /// Queue visibility counts whole seconds, so fractions of a second are dropped.</summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    /// <summary>Each delay is spread by up to this fraction either way, so retries of many deliveries do not arrive together.</summary>
    public double RetryJitter { get; set; } = 0.15;

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A subscription whose deliveries have failed without a single success for this long is disabled.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);

    /// <summary>After a rotation the previous secret keeps signing, next to the new one, for this long.</summary>
    public TimeSpan PreviousSecretOverlap { get; set; } = TimeSpan.FromHours(24);

    public int MaxSubscriptionsPerOwner { get; set; } = 20;

    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule is { Length: > 0 } configured ? configured : DefaultRetrySchedule;

    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (AllowPrivateNetworkTargets && !environment.IsDevelopment())
        {
            yield return "Webhooks:AllowPrivateNetworkTargets may only be true in the Development environment.";
        }

        if (SecretEncryptionKey is { } key && !string.IsNullOrWhiteSpace(key))
        {
            if (key.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
            {
                yield return "Webhooks:SecretEncryptionKey is an unresolved Key Vault reference: set the secret and grant the app's identity access.";
            }
            else if (WebhookSecretProtector.TryDecodeKey(key) is null)
            {
                yield return "Webhooks:SecretEncryptionKey must be the base64 encoding of 32 random bytes (openssl rand -base64 32).";
            }
        }
        else if (!environment.IsDevelopment())
        {
            yield return "Webhooks:SecretEncryptionKey is required outside Development: it encrypts the partners' signing secrets.";
        }

        if (Schedule.Count is < 1 or > 20 || Schedule[0] != TimeSpan.Zero || Schedule.Any(d => d < TimeSpan.Zero || d > TimeSpan.FromDays(6)))
        {
            yield return "Webhooks:RetrySchedule must hold 1 to 20 delays, the first 0 (the first attempt is immediate), each at most 6 days (a queue message stays invisible for at most 7 days).";
        }

        if (RetryJitter is < 0 or > 0.5)
        {
            yield return "Webhooks:RetryJitter must be between 0 and 0.5.";
        }

        if (DeliveryTimeout <= TimeSpan.Zero || DeliveryTimeout > TimeSpan.FromMinutes(2))
        {
            yield return "Webhooks:DeliveryTimeout must be more than 0 and at most 2 minutes.";
        }

        if (DisableAfterFailingFor <= TimeSpan.Zero || PreviousSecretOverlap < TimeSpan.Zero || MaxSubscriptionsPerOwner < 1)
        {
            yield return "Webhooks:DisableAfterFailingFor must be positive, PreviousSecretOverlap not negative, MaxSubscriptionsPerOwner at least 1.";
        }
    }
}
