using System.Globalization;
using Enforcement.Functions.NameMatching;
using Enforcement.Functions.Security;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Persons;

/// <summary>The query parameters the suspect and company searches share, each checked with a problem naming it, and
/// the access filter applied to their results.</summary>
internal static class PersonSearchQuery
{
    public static int Limit(string? value, int defaultLimit, int maxLimit, FieldErrors errors)
    {
        if (value is null)
        {
            return defaultLimit;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > maxLimit)
        {
            errors.Add("limit", $"Must be a whole number from 1 to {maxLimit}.");
        }

        return limit;
    }

    public static void CheckOneOf((string Name, string? Value) first, (string Name, string? Value) second, FieldErrors errors)
    {
        if ((first.Value is null) == (second.Value is null))
        {
            errors.Add(first.Name, $"Search by exactly one of {first.Name} or {second.Name}.");
        }
    }

    public static string? Country(string? value, string name, bool allowed, string requires, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!allowed)
        {
            errors.Add(name, $"Narrows a search by {requires} only.");
            return null;
        }

        return FactChecks.Country(value, name, errors, required: true);
    }

    public static int? Year(string? value, int thisYear, bool allowed, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!allowed)
        {
            errors.Add("birthYear", "Narrows a search by name only.");
            return null;
        }

        if (value.Length != 4 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900 || year > thisYear)
        {
            errors.Add("birthYear", $"Must be a year as YYYY, from 1900 to {thisYear}.");
            return null;
        }

        return year;
    }

    public static void CheckTerms(string? number, FoldedName? name, FieldErrors errors, string numberField = "document")
    {
        if (number is not null && (PersonIndexRows.NumberKey(number).Length < 3 || number.Length > 60))
        {
            errors.Add(numberField, "Must hold 3 to 60 letters and digits.");
        }

        if (name is not null && name.IsEmpty)
        {
            errors.Add("name", "Must contain a name (letters).");
        }
    }

    /// <summary>The items whose records the caller may read (everything for analysts; checked one by one for officers).</summary>
    public static async Task<List<T>> VisibleAsync<T>(IReadOnlyList<(PersonEntity Entity, T Item)> items, Caller caller, PersonAccess access, CancellationToken cancellationToken)
    {
        if (PersonAccess.ReadsEveryone(caller))
        {
            return items.Select(i => i.Item).ToList();
        }

        var allowed = await Task.WhenAll(items.Select(i => access.CanReadAsync(caller, i.Entity, cancellationToken)));
        return items.Where((_, index) => allowed[index]).Select(i => i.Item).ToList();
    }
}
