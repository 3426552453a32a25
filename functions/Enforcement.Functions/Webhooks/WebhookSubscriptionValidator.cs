using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Webhooks;

/// <summary>A subscription request that passed validation, normalized (codes in their canonical case, no duplicates).</summary>
internal sealed record ValidSubscription(
    string Url,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Countries,
    string? Description,
    string Scope,
    bool Active);

internal static class WebhookSubscriptionValidator
{
    public const int MaxEvents = 10;
    public const int MaxFilterValues = 50;
    public const int MaxDescriptionLength = 200;

    public static (ValidSubscription? Valid, Dictionary<string, string[]> Errors) Validate(WebhookSubscriptionRequest request, bool allowPrivateNetworkTargets)
    {
        var errors = new Dictionary<string, string[]>();
        var url = request.Url?.Trim();
        if (WebhookUrlRules.Check(url, allowPrivateNetworkTargets) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        var events = new List<string>();
        if (request.Events is not { Count: > 0 and <= MaxEvents })
        {
            errors["events"] = [$"Required: 1 to {MaxEvents} event types from {string.Join(", ", WebhookEventTypes.All)}."];
        }
        else
        {
            for (var i = 0; i < request.Events.Count; i++)
            {
                var type = request.Events[i]?.Trim().ToLowerInvariant();
                if (type is null || !WebhookEventTypes.All.Contains(type, StringComparer.Ordinal))
                {
                    errors[$"events[{i}]"] = [$"Unknown event type: use one of {string.Join(", ", WebhookEventTypes.All)}."];
                }
                else if (events.Contains(type, StringComparer.Ordinal))
                {
                    errors[$"events[{i}]"] = ["Listed twice."];
                }
                else
                {
                    events.Add(type);
                }
            }
        }

        var categories = Codes(request.Filter?.Categories, "filter.categories", c => c.ToLowerInvariant(), SeizureCodes.Categories.Contains,
            $"Must be a seizure category: {string.Join(", ", SeizureCodes.Categories.Order(StringComparer.Ordinal))}.", errors);
        var countries = Codes(request.Filter?.Countries, "filter.countries", c => c.ToUpperInvariant(), CountryCodes.IsAssigned,
            "Must be an ISO 3166-1 alpha-2 country code.", errors);

        var description = request.Description?.Trim();
        if (description is { Length: > MaxDescriptionLength } || (description is not null && description.Any(char.IsControl)))
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters, without control characters."];
        }

        var scope = request.Scope?.Trim().ToLowerInvariant() ?? WebhookScopes.NonNominal;
        if (scope is not (WebhookScopes.NonNominal or WebhookScopes.Nominal))
        {
            errors["scope"] = [$"Must be {WebhookScopes.NonNominal} or {WebhookScopes.Nominal}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidSubscription(url!, events, categories, countries, string.IsNullOrEmpty(description) ? null : description, scope, request.Active ?? true), errors);
    }

    private static List<string> Codes(IReadOnlyList<string>? values, string field, Func<string, string> normalize, Func<string, bool> isKnown, string message, Dictionary<string, string[]> errors)
    {
        var codes = new List<string>();
        if (values is null)
        {
            return codes;
        }

        if (values.Count > MaxFilterValues)
        {
            errors[field] = [$"At most {MaxFilterValues} values."];
            return codes;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var code = values[i] is { } value ? normalize(value.Trim()) : null;
            if (code is null || !isKnown(code))
            {
                errors[$"{field}[{i}]"] = [message];
            }
            else if (!codes.Contains(code, StringComparer.Ordinal))
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
