using System.Text.RegularExpressions;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Handling;

/// <summary>The checks alerts and messages share: handling code, evaluation, priority, text.</summary>
internal static partial class MarkingChecks
{
    public static void Handling(string? code, FieldErrors errors, string field = "handling")
    {
        if (!HandlingCodes.IsKnown(code))
        {
            errors.Add(field, $"Required: one of {string.Join(", ", HandlingCodes.All)}.");
        }
    }

    public static void Evaluation(Evaluation? evaluation, FieldErrors errors)
    {
        if (evaluation is null)
        {
            errors.Add("evaluation", "Required: source reliability (A, B, C, X) and information accuracy (1 to 4).");
            return;
        }

        if (evaluation.Source is null || !Enforcement.Functions.Handling.Evaluation.SourceCodes.Contains(evaluation.Source, StringComparer.Ordinal))
        {
            errors.Add("evaluation.source", "Must be A (reliable), B (mostly reliable), C (not reliable) or X (unknown).");
        }

        if (evaluation.Accuracy is not (>= 1 and <= 4))
        {
            errors.Add("evaluation.accuracy", "Must be 1 (known true), 2 (known to the source), 3 (not known, corroborated) or 4 (cannot be judged).");
        }
    }

    public static void Priority(string? priority, FieldErrors errors)
    {
        if (priority is not null && !Priorities.All.Contains(priority, StringComparer.Ordinal))
        {
            errors.Add("priority", $"Must be one of {string.Join(", ", Priorities.All)}.");
        }
    }

    public static void Text(string? text, int max, FieldErrors errors, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Required: not empty.");
        }
        else if (text.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
        }
        else if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(field, "Must not contain control characters other than line breaks and tabs.");
        }
    }

    public static bool IsOffice(string? office) => office is not null && OfficePattern().IsMatch(office);

    /// <summary>A user named by the subject of their token or key.</summary>
    public static bool IsSubject(string? subject) => subject is { Length: >= 1 and <= 256 } && !subject.Any(char.IsControl);

    [GeneratedRegex("^[A-Z]{2}[A-Z2-9]{3}(-[A-Z0-9]{1,10})?$")]
    private static partial Regex OfficePattern();
}
