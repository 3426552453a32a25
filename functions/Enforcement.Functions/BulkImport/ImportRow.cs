namespace Enforcement.Functions.BulkImport;

/// <summary>One row of an import file as read: its number (spreadsheet row, header = 1; or JSON Lines line), the
/// facts it gives, its legacy case number and what could not even be read (a quantity that is not a number).</summary>
internal sealed record ImportRow(int Number, Seizures.SeizureFacts? Facts, string? LegacyCaseNumber, IReadOnlyList<RowError> ReadErrors);

/// <summary>A row's problem as the failed-rows file lists it: a stable code, the field path, a message.</summary>
internal sealed record RowError(string Code, string Field, string Message);

internal static class RowErrorCodes
{
    public const string Required = "required";
    public const string Invalid = "invalid";
    public const string Unreadable = "unreadable";
    public const string DuplicateRow = "duplicate-row";
    public const string OfficeOutOfScope = "office-out-of-scope";

    /// <summary>The validator's messages name the problem; "Required..." and "At least one..." mean a missing value.</summary>
    public static string ForValidationMessage(string message) =>
        message.StartsWith("Required", StringComparison.Ordinal) || message.StartsWith("At least one", StringComparison.Ordinal) ? Required : Invalid;
}
