using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.BulkImport;

/// <summary>A row judged: the record to write, or why it cannot be imported.</summary>
internal sealed record CheckedRow(ImportRow Row, ImportedSeizure? Record, IReadOnlyList<RowError> Errors);

/// <summary>
/// Judges rows exactly as the officers' endpoint judges a posted seizure (<see cref="SeizureValidator"/>, and the
/// office scope of who runs the import), plus what only a file can get wrong: a row that cannot be read. Pure and
/// deterministic for a job (its clock is the run's start), so a dry run and a resumed run find the same errors. A
/// legacy case number seen earlier in the file is found afterwards, in storage (<see cref="ImportCaseNumberClaims"/>).
/// </summary>
internal sealed class ImportRowChecks(ImportJobEntity job)
{
    public const int MaxLegacyCaseNumberLength = 100;

    public CheckedRow Check(ImportRow row)
    {
        if (row.ReadErrors.Count > 0 || row.Facts is null)
        {
            return new CheckedRow(row, null, row.ReadErrors);
        }

        var (normalized, seizedAt, validation) = SeizureValidator.Validate(row.Facts, job.StartedAt ?? job.CreatedAt);
        var errors = validation
            .SelectMany(e => e.Value.Select(message => new RowError(RowErrorCodes.ForValidationMessage(message), e.Key, message)))
            .ToList();
        var legacy = row.LegacyCaseNumber;
        if (legacy is not null && (legacy.Length > MaxLegacyCaseNumberLength || legacy.Any(char.IsControl)))
        {
            errors.Add(new RowError(RowErrorCodes.Invalid, "legacyCaseNumber", $"At most {MaxLegacyCaseNumberLength} characters, no control characters."));
        }

        if (errors.Count == 0 && job.CreatedByOffice is { } scope && !Covers(scope, normalized.Office!))
        {
            errors.Add(new RowError(RowErrorCodes.OfficeOutOfScope, "office", $"You can import seizures of your own office ({scope}) only."));
        }

        if (errors.Count > 0)
        {
            return new CheckedRow(row, null, errors);
        }

        var month = SeizureMonth.Of(seizedAt);
        var identity = legacy is null ? $"file:{job.FileSha256}:{row.Number}" : $"case:{legacy}";
        var id = SeizureIds.ForImport(month, identity);
        return new CheckedRow(row, new ImportedSeizure(id, normalized, seizedAt, job.PartitionKey, row.Number, legacy), []);
    }

    private static bool Covers(string scope, string office) =>
        office == scope || (!scope.Contains('-', StringComparison.Ordinal) && office.StartsWith(scope + "-", StringComparison.Ordinal));
}
