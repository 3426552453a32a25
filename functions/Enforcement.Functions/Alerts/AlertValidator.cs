using Enforcement.Functions.Handling;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Alerts;

/// <summary>Checks and normalizes an alert; RILOs publish within their region only.</summary>
internal static class AlertValidator
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 8000;
    public const int MaxFactValues = 20;
    public const int MaxAudienceOffices = 50;
    public const int MaxAudienceUsers = 50;

    public static readonly IReadOnlyList<string> Kinds = ["concealment", "route", "modus-operandi", "commodity", "conveyance", "other"];

    public static readonly IReadOnlyList<string> AudienceRoles = [Roles.Officer, Roles.Supervisor, Roles.Analyst, Roles.Rilo];

    public static AlertRequest Validate(AlertRequest request, Caller caller, DateTimeOffset now, FieldErrors errors)
    {
        MarkingChecks.Text(request.Title, MaxTitleLength, errors, "title");
        MarkingChecks.Text(request.Body, MaxBodyLength, errors, "body");
        if (request.Kind is null || !Kinds.Contains(request.Kind, StringComparer.Ordinal))
        {
            errors.Add("kind", $"Required: one of {string.Join(", ", Kinds)}.");
        }

        MarkingChecks.Handling(request.Handling, errors);
        MarkingChecks.Evaluation(request.Evaluation, errors);
        MarkingChecks.Priority(request.Priority, errors);
        CheckFacts(request.Facts, errors);

        var audience = Normalize(request.Audience);
        CheckAudience(audience, request.Handling, caller, errors);

        var validFrom = request.ValidFrom ?? now;
        if (request.ValidUntil is { } until && until <= validFrom)
        {
            errors.Add("validUntil", "Must be after validFrom.");
        }

        var office = request.Office?.Trim().ToUpperInvariant() ?? caller.Office;
        if (request.Office is not null && !MarkingChecks.IsOffice(office))
        {
            errors.Add("office", "Must be an office code such as PKKHI or PKKHI-APFT.");
        }

        var priority = request.Priority ?? Priorities.Routine;
        if (priority == Priorities.Urgent && request.RequestAck == true && office is null)
        {
            errors.Add("office", "Required for an urgent alert that asks for acknowledgement: its supervisors receive the escalations.");
        }

        if (request.NonNominal == true && (request.References ?? []).Any(r => !r.StartsWith("SZ-", StringComparison.Ordinal)))
        {
            errors.Add("nonNominal", "An alert that cites suspects or companies is nominal.");
        }

        return request with
        {
            Title = request.Title?.Trim(),
            Audience = audience,
            ValidFrom = validFrom,
            Priority = priority,
            RequestAck = request.RequestAck ?? false,
            Office = office,
            NonNominal = request.NonNominal ?? false,
            References = request.References?.Distinct(StringComparer.Ordinal).ToList() ?? [],
        };
    }

    private static AlertAudience Normalize(AlertAudience? audience) => new()
    {
        Offices = audience?.Offices?.Select(o => o?.Trim().ToUpperInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList() ?? [],
        Regions = audience?.Regions?.Select(r => r?.Trim().ToUpperInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList() ?? [],
        Roles = audience?.Roles?.Select(r => r?.Trim().ToLowerInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList() ?? [],
        Users = audience?.Users?.Distinct(StringComparer.Ordinal).ToList() ?? [],
    };

    private static void CheckAudience(AlertAudience audience, string? handling, Caller caller, FieldErrors errors)
    {
        if (audience.Offices!.Count + audience.Regions!.Count + audience.Roles!.Count + audience.Users!.Count == 0)
        {
            errors.Add("audience", "Required: at least one office, region, role or named user.");
            return;
        }

        if (handling == HandlingCodes.NamedOnly && audience.Users!.Count == 0)
        {
            errors.Add("audience.users", "An H3 alert is releasable to named recipients only: name at least one user.");
        }

        if (audience.Offices.Count > MaxAudienceOffices || audience.Offices.Any(o => !MarkingChecks.IsOffice(o)))
        {
            errors.Add("audience.offices", $"At most {MaxAudienceOffices} office codes such as PKKHI or PKKHI-APFT.");
        }

        if (audience.Regions.Any(r => !WcoRegions.IsKnown(r)))
        {
            errors.Add("audience.regions", $"Must be WCO regions: {string.Join(", ", WcoRegions.All)}.");
        }

        if (audience.Roles.Any(r => !AudienceRoles.Contains(r, StringComparer.Ordinal)))
        {
            errors.Add("audience.roles", $"Must be among {string.Join(", ", AudienceRoles)}.");
        }

        if (audience.Users!.Count > MaxAudienceUsers || audience.Users.Any(u => !MarkingChecks.IsSubject(u)))
        {
            errors.Add("audience.users", $"At most {MaxAudienceUsers} subjects of 1 to 256 characters.");
        }

        // A RILO speaks for its region: its members' offices and its own region, not national roles.
        if (caller.IsInRole(Roles.Rilo) && !caller.IsInRole(Roles.Analyst, Roles.Supervisor))
        {
            if (audience.Regions.Any(r => r != caller.Region) || audience.Offices.Any(o => WcoRegions.RegionOf(o[..Math.Min(2, o.Length)]) != caller.Region))
            {
                errors.Add("audience", $"A RILO publishes to its own region ({caller.Region}) and the offices of its members only.");
            }

            if (audience.Roles.Count > 0)
            {
                errors.Add("audience.roles", "A RILO addresses regions, offices and named users, not national roles.");
            }
        }
    }

    private static void CheckFacts(AlertFacts? facts, FieldErrors errors)
    {
        if (facts is null)
        {
            return;
        }

        Check(facts.Categories, SeizureCodes.Categories.Contains, "facts.categories", "seizure categories");
        Check(facts.ConcealmentMethods, SeizureCodes.ConcealmentMethods.Contains, "facts.concealmentMethods", "concealment methods of the seizure code list");
        Check(facts.RouteCountries, CountryCodes.IsAssigned, "facts.routeCountries", "ISO 3166-1 alpha-2 country codes");
        Check(facts.ConveyanceModes, SeizureCodes.ConveyanceModes.Contains, "facts.conveyanceModes", "conveyance modes of the seizure code list");

        void Check(IReadOnlyList<string>? values, Func<string, bool> known, string field, string what)
        {
            if (values is not null && (values.Count > MaxFactValues || values.Any(v => v is null || !known(v))))
            {
                errors.Add(field, $"At most {MaxFactValues} {what}.");
            }
        }
    }

    /// <summary>The inbox keys the audience resolves to; an H3 alert reaches its named users only.</summary>
    public static IReadOnlyList<string> RecipientKeysOf(AlertAudience audience, string handling)
    {
        var users = audience.Users!.Select(Inbox.RecipientKeys.User);
        if (handling == HandlingCodes.NamedOnly)
        {
            return users.ToList();
        }

        return users
            .Concat(audience.Offices!.Select(Inbox.RecipientKeys.Office))
            .Concat(audience.Regions!.Select(Inbox.RecipientKeys.Region))
            .Concat(audience.Roles!.Select(Inbox.RecipientKeys.Role))
            .Distinct(StringComparer.Ordinal).ToList();
    }
}
