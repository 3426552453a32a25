using System.Collections.Frozen;
using System.Globalization;
using Enforcement.Functions.ReferenceData;

namespace Enforcement.Functions.Validation;

/// <summary>Field checks shared by the record validators (seizures, suspects, companies). Each returns the normalized value and adds
/// an error naming the field when the value is wrong.</summary>
internal static class FactChecks
{
    public const int MaxListItems = 20;

    public static string? Text(string? value, string path, int maxLength, FieldErrors errors, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(path, "Required.");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(path, $"At most {maxLength} characters.");
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(path, "Contains control characters.");
        }

        return text;
    }

    public static string? Country(string? value, string path, FieldErrors errors, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(path, "Required: an ISO 3166-1 alpha-2 country code such as PK or AE.");
            }

            return null;
        }

        var code = value.Trim().ToUpperInvariant();
        if (!CountryCodes.IsAssigned(code))
        {
            errors.Add(path, "Must be an ISO 3166-1 alpha-2 country code such as PK or AE.");
        }

        return code;
    }

    public static string? Code(string? value, string path, FrozenSet<string> allowed, FieldErrors errors, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(path, $"Required: one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
            }

            return null;
        }

        var code = value.Trim().ToLowerInvariant();
        if (!allowed.Contains(code))
        {
            errors.Add(path, $"Must be one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
        }

        return code;
    }

    /// <summary>A list of at most <paramref name="max"/> items, each checked; null items are errors.</summary>
    public static List<TOut>? List<TIn, TOut>(IReadOnlyList<TIn?>? items, string path, FieldErrors errors, Func<TIn, string, TOut?> check, int max = MaxListItems)
        where TIn : class
    {
        if (items is null)
        {
            return null;
        }

        if (items.Count > max)
        {
            errors.Add(path, $"At most {max} entries.");
        }

        var result = new List<TOut>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                errors.Add($"{path}[{i}]", "Must not be null.");
                continue;
            }

            if (check(item, $"{path}[{i}]") is { } checkedItem)
            {
                result.Add(checkedItem);
            }
        }

        return result;
    }

    /// <summary>"+92 300 123-4567" and "+92 (300) 1234567" are stored as "+923001234567".</summary>
    public static string? Phone(string value, string path, FieldErrors errors)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '(' and not ')' and not '.').ToArray());
        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }

        if (!PhoneNumber.IsE164(compact))
        {
            errors.Add(path, "Must be an international number in E.164 form: '+', the country code and the number, e.g. +923001234567.");
        }

        return compact;
    }

    /// <summary>A calendar date "YYYY-MM-DD".</summary>
    public static DateOnly? Date(string? value, string path, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 1900 || date.Year > 2200)
        {
            errors.Add(path, "Must be a date as YYYY-MM-DD.");
            return null;
        }

        return date;
    }

    /// <summary>The record is kept in one Table string property, which holds at most 32K UTF-16 characters.</summary>
    public static void CheckStoredSize(string json, FieldErrors errors, int max)
    {
        if (json.Length > max)
        {
            errors.Add("$", $"The record is too large to store (over {max} characters as JSON); shorten the notes or lists.");
        }
    }
}
