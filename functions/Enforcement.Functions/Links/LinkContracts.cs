using System.Collections.Frozen;
using Enforcement.Functions.Persons;

namespace Enforcement.Functions.Links;

/// <summary>POST /api/seizures/{id}/links: link a suspect or company to the seizure with its role in it.</summary>
public sealed record LinkRequest
{
    /// <summary>suspect or company.</summary>
    public string? Kind { get; init; }

    public string? TargetId { get; init; }

    public string? Role { get; init; }

    public string? Notes { get; init; }
}

/// <summary>A link as the seizure sees it. Its id is the target's id: a person is linked to a seizure once, in one role.</summary>
public sealed record SeizureLink(string Id, string Kind, string TargetId, string SeizureId, string Role, string? Notes, DateTimeOffset LinkedAt, DateTimeOffset UpdatedAt, int Version);

public sealed record SeizureLinks(IReadOnlyList<SeizureLink> Items);

/// <summary>A link as the suspect or company sees it.</summary>
public sealed record PersonSeizureLink(string SeizureId, string SeizureOffice, string Role, string? Notes, DateTimeOffset LinkedAt);

public sealed record PersonSeizurePage(IReadOnlyList<PersonSeizureLink> Items, string? ContinuationToken);

internal static class LinkRoles
{
    public const int MaxNotesLength = 1000;

    public static readonly FrozenSet<string> Suspect = FrozenSet.Create(StringComparer.Ordinal,
        "passenger", "driver", "crew", "courier", "sender", "recipient", "consignee", "importer", "exporter", "owner", "organiser",
        "financier", "facilitator", "other");

    public static readonly FrozenSet<string> Company = FrozenSet.Create(StringComparer.Ordinal,
        "importer", "exporter", "consignee", "consignor", "carrier", "broker", "freight-forwarder", "owner", "other");

    public static FrozenSet<string> For(PersonKind kind) => kind == PersonKind.Suspect ? Suspect : Company;

    public static SeizureLink ToSeizureLink(LinkEntity link) =>
        new(link.PersonId, link.Kind, link.PersonId, link.SeizureId, link.Role, link.Notes, link.LinkedAt, link.UpdatedAt, link.Version);

    public static PersonSeizureLink ToPersonSeizureLink(LinkEntity link) => new(link.SeizureId, link.SeizureOffice, link.Role, link.Notes, link.LinkedAt);
}
