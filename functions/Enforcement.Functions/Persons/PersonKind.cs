using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Persons;

/// <summary>
/// The two databases of persons that seizures link to: natural persons (suspects) and legal persons (companies).
/// Both are kept the same way (record, history, index, links); a kind names the tables and events of one of them.
/// </summary>
internal sealed record PersonKind(string Name, string Collection, string IdPrefix, string Table, string IndexTable, string RecordedEvent, string UpdatedEvent)
{
    public static readonly PersonKind Suspect = new("suspect", "suspects", "SU", StorageNames.Tables.Suspects, StorageNames.Tables.SuspectIndex,
        RecordEventTypes.SuspectRecorded, RecordEventTypes.SuspectUpdated);

    public static readonly PersonKind Company = new("company", "companies", "CO", StorageNames.Tables.Companies, StorageNames.Tables.CompanyIndex,
        RecordEventTypes.CompanyRecorded, RecordEventTypes.CompanyUpdated);

    public static readonly IReadOnlyList<PersonKind> All = [Suspect, Company];

    public static PersonKind? FromName(string? name) => All.FirstOrDefault(k => k.Name == name);

    public static PersonKind? FromEvent(string eventType) => All.FirstOrDefault(k => k.RecordedEvent == eventType || k.UpdatedEvent == eventType);

    public static PersonKind? FromPrefix(string prefix) => All.FirstOrDefault(k => k.IdPrefix == prefix);

    public override string ToString() => Name;
}
