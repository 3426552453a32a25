using System.Globalization;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Groups;

internal static class GroupValidator
{
    public const int MaxNameLength = 120;
    public const int MaxPurposeLength = 2000;
    public const int MaxMembers = 200;
    public const int MaxLanguages = 6;
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxEscalationMinutes = 1440;

    public static void CheckGroup(GroupRequest request, GroupOptions options, FieldErrors errors)
    {
        MarkingChecks.Text(request.Name, MaxNameLength, errors, "name");
        MarkingChecks.Text(request.Purpose, MaxPurposeLength, errors, "purpose");
        var starts = Day(request.StartsOn, "startsOn", errors);
        var ends = Day(request.EndsOn, "endsOn", errors);
        if (starts is not null && ends is not null && ends < starts)
        {
            errors.Add("endsOn", "Must not be before startsOn.");
        }

        MarkingChecks.Handling(request.DefaultHandling, errors, "defaultHandling");
        if (request.Languages is { } languages && (languages.Count > MaxLanguages || languages.Any(l => l is not { Length: 2 } || !l.All(char.IsAsciiLetterLower))))
        {
            errors.Add("languages", $"At most {MaxLanguages} ISO 639-1 codes such as en, fr, ur.");
        }

        if (request.RetentionDays is { } days && (days < options.MinRetentionDays || days > options.MaxRetentionDays))
        {
            errors.Add("retentionDays", $"Must be from {options.MinRetentionDays} to {options.MaxRetentionDays} days.");
        }

        if (request.EscalationMinutes is not (null or (>= 1 and <= MaxEscalationMinutes)))
        {
            errors.Add("escalationMinutes", $"Must be from 1 to {MaxEscalationMinutes}.");
        }

        if (request.Office is not null && !MarkingChecks.IsOffice(request.Office))
        {
            errors.Add("office", "Must be an office code such as PKKHI or PKKHI-APFT.");
        }

        CheckMembers(request.Members, errors, "members");
    }

    public static void CheckMembers(GroupMembers? members, FieldErrors errors, string field)
    {
        if (members is null)
        {
            return;
        }

        if ((members.Users?.Count ?? 0) + (members.Offices?.Count ?? 0) > MaxMembers)
        {
            errors.Add(field, $"At most {MaxMembers} members.");
        }

        if (members.Users?.Any(u => !MarkingChecks.IsSubject(u)) == true)
        {
            errors.Add(field + ".users", "Subjects of 1 to 256 characters.");
        }

        if (members.Offices?.Any(o => !MarkingChecks.IsOffice(o)) == true)
        {
            errors.Add(field + ".offices", "Office codes such as PKKHI or PKKHI-APFT.");
        }
    }

    public static void CheckMessage(MessageRequest request, FieldErrors errors)
    {
        MarkingChecks.Text(request.Text, MaxTextLength, errors, "text");
        if (request.Handling is not null)
        {
            MarkingChecks.Handling(request.Handling, errors);
        }

        if (request.Evaluation is not null)
        {
            MarkingChecks.Evaluation(request.Evaluation, errors);
        }

        MarkingChecks.Priority(request.Priority, errors);
        if (request.Recipients is { } recipients && (recipients.Count > MaxMembers || recipients.Any(r => !MarkingChecks.IsSubject(r))))
        {
            errors.Add("recipients", $"At most {MaxMembers} subjects of named members.");
        }
    }

    public static bool IsClientMessageId(string? id) =>
        id is { Length: >= 1 and <= MaxClientMessageIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static DateOnly? Day(string? value, string field, FieldErrors errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, "Required: a date as YYYY-MM-DD.");
        return null;
    }
}
