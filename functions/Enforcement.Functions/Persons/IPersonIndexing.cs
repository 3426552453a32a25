namespace Enforcement.Functions.Persons;

/// <summary>What one kind of person is found by: the index rows of a record's facts (as stored, JSON).</summary>
internal interface IPersonIndexing
{
    PersonKind Kind { get; }

    IReadOnlyList<PersonIndexRow> RowsFor(string personId, int version, string factsJson);
}
