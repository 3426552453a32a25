using System.Text.Json.Nodes;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Handling;

/// <summary>A record an alert or message cites, as one reader may see it: the summary only when that reader may
/// read the record itself, otherwise only that it is restricted.</summary>
public sealed record RecordReference(string Id, string Kind, bool Restricted, string? Summary);

/// <summary>
/// Checks the records a writer cites (they must exist and be within the writer's own scope: citing is not a way to
/// learn that a record exists) and renders them per reader with the same access rules as the records' own endpoints.
/// </summary>
internal sealed class RecordReferences(SeizureStore seizures, PersonStore persons, PersonAccess access)
{
    public const int MaxReferences = 20;

    public async Task CheckAsync(Caller writer, IReadOnlyList<string>? ids, Validation.FieldErrors errors, string field, CancellationToken cancellationToken)
    {
        if (ids is null)
        {
            return;
        }

        if (ids.Count > MaxReferences)
        {
            errors.Add(field, $"At most {MaxReferences} references.");
            return;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (await RenderAsync(writer, ids[i], cancellationToken) is not { Restricted: false })
            {
                errors.Add($"{field}[{i}]", "Must be the id of a seizure, suspect or company that exists and that you may read.");
            }
        }
    }

    public async Task<IReadOnlyList<RecordReference>> RenderAllAsync(Caller reader, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var rendered = new List<RecordReference>(ids.Count);
        foreach (var id in ids)
        {
            rendered.Add(await RenderAsync(reader, id, cancellationToken) ?? new RecordReference(id, KindOf(id), true, null));
        }

        return rendered;
    }

    /// <summary>Null when the id names no record.</summary>
    public async Task<RecordReference?> RenderAsync(Caller reader, string? id, CancellationToken cancellationToken)
    {
        if (SeizureId.TryParse(id, out var seizureId))
        {
            if (await seizures.GetAsync(seizureId.Value, cancellationToken) is not { } seizure)
            {
                return null;
            }

            var mayRead = reader.IsInRole(Roles.Analyst) || (reader.IsInRole(Roles.Officer, Roles.Supervisor) && reader.CoversOffice(seizure.Entity.Office));
            return mayRead
                ? new RecordReference(id!, "seizure", false, $"{string.Join(", ", seizure.Seizure.Items.Select(i => i.Category).Distinct())} at {seizure.Entity.Office}, {seizure.Seizure.SeizedAt[..10]}")
                : new RecordReference(id!, "seizure", true, null);
        }

        if (PersonId.TryParse(id, out var personId))
        {
            if (await persons.GetAsync(personId.Value, cancellationToken) is not { } person)
            {
                return null;
            }

            var kind = personId.Value.Kind.Name;
            return await access.CanReadAsync(reader, person, cancellationToken)
                ? new RecordReference(id!, kind, false, NameOf(person.Facts))
                : new RecordReference(id!, kind, true, null);
        }

        return null;
    }

    private static string KindOf(string id) => id.StartsWith("SZ-", StringComparison.Ordinal) ? "seizure" : PersonKind.FromPrefix(id.Length >= 2 ? id[..2] : id)?.Name ?? "seizure";

    private static string? NameOf(string factsJson)
    {
        var facts = JsonNode.Parse(factsJson);
        return facts?["fullName"]?.GetValue<string>()
               ?? facts?["legalName"]?.GetValue<string>()
               ?? string.Join(' ', new[] { facts?["givenNames"]?.GetValue<string>(), facts?["familyName"]?.GetValue<string>() }.Where(n => n is not null));
    }
}
