using Enforcement.Functions.Validation;

namespace Enforcement.Functions.RiskRules;

internal static class RuleValidator
{
    public const int MaxName = 200;
    public const int MaxDescription = 2000;
    public const int MaxWeight = 1000;
    public const int MaxCount = 1000;
    public const int MaxMonths = 60;

    /// <summary>The longest condition value any kind accepts (a concealment method code).</summary>
    public const int MaxConditionValue = 64;

    public static readonly string[] Statuses = ["draft", "active", "retired"];

    public static readonly string[] Kinds =
        ["route-country", "hs-chapter", "nationality", "subject-type", "concealment", "conveyance-seizures", "company-linked-to-seizure", "watchlist-match"];

    public static (RuleFacts Normalized, Dictionary<string, string[]> Errors) Validate(RuleFacts facts)
    {
        var errors = new FieldErrors();
        var normalized = facts with
        {
            Name = FactChecks.Text(facts.Name, "name", MaxName, errors, required: true),
            Description = FactChecks.Text(facts.Description, "description", MaxDescription, errors),
        };
        if (facts.Weight is not (>= 1 and <= MaxWeight))
        {
            errors.Add("weight", $"Must be a whole number from 1 to {MaxWeight}.");
        }

        if (facts.Status is null || !Statuses.Contains(facts.Status, StringComparer.Ordinal))
        {
            errors.Add("status", $"Must be one of {string.Join(", ", Statuses)}.");
        }

        if (facts.ValidFrom is { } from && facts.ValidTo is { } to && to <= from)
        {
            errors.Add("validTo", "Must be after validFrom.");
        }

        if (facts.Condition is not { } condition)
        {
            errors.Add("condition", "Required.");
            return (normalized, errors.ToDictionary());
        }

        if (condition.Kind is null || !Kinds.Contains(condition.Kind, StringComparer.Ordinal))
        {
            errors.Add("condition.kind", $"Must be one of {string.Join(", ", Kinds)}.");
            return (normalized, errors.ToDictionary());
        }

        var value = condition.Value;
        switch (condition.Kind)
        {
            case "route-country" or "nationality":
                value = FactChecks.Country(value, "condition.value", errors, required: true);
                break;
            case "hs-chapter":
                if (value is not { Length: 2 } || !value.All(char.IsAsciiDigit))
                {
                    errors.Add("condition.value", "Must be an HS chapter: two digits.");
                }

                break;
            case "subject-type":
                if (value is null || !Screening.ScreeningValidator.Types.Contains(value, StringComparer.Ordinal))
                {
                    errors.Add("condition.value", $"Must be one of {string.Join(", ", Screening.ScreeningValidator.Types)}.");
                }

                break;
            case "concealment":
                if (value is null || !Seizures.SeizureCodes.ConcealmentMethods.Contains(value))
                {
                    errors.Add("condition.value", "Must be a concealment method of the seizure code list.");
                }

                break;
            case "conveyance-seizures":
                if (condition.Count is not (>= 1 and <= MaxCount))
                {
                    errors.Add("condition.count", $"Must be a whole number from 1 to {MaxCount}.");
                }

                if (condition.Months is not null and not (>= 1 and <= MaxMonths))
                {
                    errors.Add("condition.months", $"Must be a whole number from 1 to {MaxMonths}.");
                }

                break;
        }

        if (condition.Kind is not "conveyance-seizures" && (condition.Count is not null || condition.Months is not null))
        {
            errors.Add("condition.count", "Only conveyance-seizures takes a count and months.");
        }

        if (condition.Kind is "conveyance-seizures" or "company-linked-to-seizure" or "watchlist-match" && condition.Value is not null)
        {
            errors.Add("condition.value", $"{condition.Kind} takes no value.");
        }

        return (normalized with { Condition = condition with { Value = value, Months = condition.Kind == "conveyance-seizures" ? condition.Months ?? 12 : null } }, errors.ToDictionary());
    }
}
