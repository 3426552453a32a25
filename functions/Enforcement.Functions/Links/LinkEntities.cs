using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Links;

/// <summary>
/// Table "links": a seizure's link to a suspect or company, stored in both directions so that either side is one
/// single-partition query.
/// <list type="bullet">
/// <item>Seizure side (the source of truth): PartitionKey = seizure id, RowKey = person id ("SU-..." / "CO-...").
/// Its change trail sits in the same partition under RowKey "~evt|{person id}|{version:D6}", written in the same
/// entity-group transaction (and the outbox event points at it).</item>
/// <item>Person side (a mirror): PartitionKey = person id, RowKey = seizure id, the same properties.</item>
/// </list>
/// A removed link stays as a tombstone (<see cref="Removed"/>) so that the mirror can never resurrect it: a mirror
/// write only replaces an older <see cref="Version"/>. <see cref="SeizureOffice"/> and <see cref="SeizurePort"/> are
/// the seizure's office, kept current when a correction moves the seizure, so that "is this person linked to a
/// seizure of my office" is a filter on the person's partition.
/// </summary>
internal sealed class LinkEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SeizureId { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    /// <summary>"suspect" or "company".</summary>
    public string Kind { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string? Notes { get; set; }

    public int Version { get; set; }

    public bool Removed { get; set; }

    public DateTimeOffset LinkedAt { get; set; }

    public string LinkedBy { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public string SeizureOffice { get; set; } = string.Empty;

    public string SeizurePort { get; set; } = string.Empty;

    public LinkEntity Mirror()
    {
        var copy = (LinkEntity)MemberwiseClone();
        copy.PartitionKey = PersonId;
        copy.RowKey = SeizureId;
        copy.ETag = default;
        copy.Timestamp = null;
        return copy;
    }

    public LinkEntity NextVersion(DateTimeOffset now, string actor)
    {
        var copy = (LinkEntity)MemberwiseClone();
        copy.Version = Version + 1;
        copy.UpdatedAt = now;
        copy.UpdatedBy = actor;
        copy.Timestamp = null;
        return copy;
    }
}

/// <summary>One change of a link (see <see cref="LinkEntity"/>): the trail of who linked, changed or removed what.</summary>
internal sealed class LinkEventEntity : ITableEntity
{
    public const string RowKeyPrefix = "~evt|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string EventId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string SeizureId { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string? Notes { get; set; }

    public bool Removed { get; set; }

    public string SeizureOffice { get; set; } = string.Empty;

    public static LinkEventEntity For(LinkEntity link) => new()
    {
        PartitionKey = link.SeizureId,
        RowKey = $"{RowKeyPrefix}{link.PersonId}|{link.Version:D6}",
        EventId = Events.RecordEvent.IdFor(LinkRecordId(link.SeizureId, link.PersonId), link.Version),
        Type = Events.RecordEventTypes.LinkChanged,
        SeizureId = link.SeizureId,
        PersonId = link.PersonId,
        Version = link.Version,
        OccurredAt = link.UpdatedAt,
        Actor = link.UpdatedBy,
        Role = link.Role,
        Notes = link.Notes,
        Removed = link.Removed,
        SeizureOffice = link.SeizureOffice,
    };

    /// <summary>The record id of a link in events: "{seizure id}|{person id}".</summary>
    public static string LinkRecordId(string seizureId, string personId) => $"{seizureId}|{personId}";
}
