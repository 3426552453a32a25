using System.Globalization;
using Enforcement.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enforcement.Functions.Cases;

/// <summary>Checks shared by the case endpoints: field errors, dates, subjects, and the 409 of a refused move.</summary>
internal static class CaseRequests
{
    public static ProblemHttpResult TransitionRefused(string axis, string from, string to, IReadOnlyList<string> allowed)
    {
        var detail = allowed.Count == 0
            ? $"The case's {axis} is {from}, which is final: it cannot move to {to}."
            : $"The case's {axis} is {from}: it can move to {string.Join(" or ", allowed)} only, not {to}.";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed", detail: detail,
            extensions: new Dictionary<string, object?> { ["allowed"] = allowed, ["errors"] = new Dictionary<string, string[]> { [axis] = [detail] } });
    }

    public static ProblemHttpResult Conflict(string title, string detail, string field, IReadOnlyList<string>? reasons = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { [field] = reasons?.ToArray() ?? [detail] },
            });

    public static ValidationProblem Invalid(string field, string message) => Problems.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A date-time with offset, or a calendar date (taken as midnight UTC); never in the future.</summary>
    public static DateTimeOffset? ParsePastDate(string? value, DateTimeOffset now, string field, Dictionary<string, string[]> errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = ["Required: a date YYYY-MM-DD or a date-time with offset."];
            }

            return null;
        }

        DateTimeOffset parsed;
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            parsed = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else if (!DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
        {
            errors[field] = ["Must be a date YYYY-MM-DD or a date-time with offset (2026-11-20T14:30:00+05:00)."];
            return null;
        }

        if (parsed > now.AddMinutes(5))
        {
            errors[field] = ["Cannot be in the future."];
            return null;
        }

        if (parsed.Year < 1990)
        {
            errors[field] = ["Must be 1990 or later."];
            return null;
        }

        return parsed;
    }

    /// <summary>A future date-time with offset (due dates).</summary>
    public static DateTimeOffset? ParseDueDate(string? value, DateTimeOffset now, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors[field] = ["Must be a date-time with offset (2026-12-01T09:00:00Z)."];
            return null;
        }

        if (parsed <= now || parsed > now.AddYears(5))
        {
            errors[field] = ["Must be in the future, within five years."];
            return null;
        }

        return parsed;
    }

    public static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors[field] = ["Required."];
            }

            return null;
        }

        if (trimmed.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors[field] = ["Control characters are not allowed."];
            return null;
        }

        return trimmed;
    }

    public static string? Code(string? value, string field, IReadOnlyCollection<string> allowed, Dictionary<string, string[]> errors, bool required, string? fallback = null)
    {
        if (value is null)
        {
            if (required)
            {
                errors[field] = [$"Required: one of {string.Join(", ", allowed)}."];
            }

            return fallback;
        }

        if (!allowed.Contains(value))
        {
            errors[field] = [$"Must be one of {string.Join(", ", allowed)}."];
            return null;
        }

        return value;
    }

    public static bool IsSubject(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= CaseCodes.MaxSubject && !value.Any(char.IsControl);

    public static bool IsOffice(string? value) =>
        value is { Length: >= 5 and <= 16 } && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-');
}
