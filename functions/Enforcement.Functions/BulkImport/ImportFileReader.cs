using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Enforcement.Functions.Http;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// Reads an import file row by row, streaming (memory does not grow with the file): CSV (RFC 4180, UTF-8, header
/// row), JSON Lines (one seizure object per line, as the API takes it, plus "legacyCaseNumber"), or a CEN-template
/// workbook (the first worksheet, header in row 1, read with the Open XML SDK's SAX reader; its shared strings are
/// spilled to disk, <see cref="WorkbookSharedStrings"/>).
/// </summary>
internal static class ImportFileReader
{
    public static IAsyncEnumerable<ImportRow> ReadAsync(string format, Stream file, CancellationToken cancellationToken) => format switch
    {
        ImportFormats.Csv => ReadCsvAsync(file, cancellationToken),
        ImportFormats.JsonLines => ReadJsonLinesAsync(file, cancellationToken),
        ImportFormats.CenWorkbook => ReadWorkbook(file, cancellationToken).ToAsyncEnumerable(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown import format."),
    };

    private static async IAsyncEnumerable<ImportRow> ReadCsvAsync(Stream file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var decoded = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var reader = new ImportLineReader(decoded);
        Dictionary<int, string>? header = null;
        var number = 0;
        while (await CsvRecords.ReadAsync(reader, cancellationToken) is { } fields)
        {
            number++;
            if (header is null)
            {
                header = FlatSeizureColumns.MapHeader(fields);
                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return FlatSeizureColumns.ToRow(number, Cells(header, fields));
        }
    }

    private static async IAsyncEnumerable<ImportRow> ReadJsonLinesAsync(Stream file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var decoded = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var reader = new ImportLineReader(decoded);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parsed = StrictJson.ParseObject(Encoding.UTF8.GetBytes(line));
            if (!parsed.Succeeded)
            {
                yield return new ImportRow(number, null, null, [new RowError(RowErrorCodes.Unreadable, parsed.Field ?? "$", parsed.Error ?? "Not a JSON object.")]);
                continue;
            }

            var node = parsed.Value!;
            string? legacy = null;
            if (node.TryGetPropertyValue("legacyCaseNumber", out var legacyNode))
            {
                node.Remove("legacyCaseNumber");
                legacy = legacyNode is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null;
                if (legacy is null && legacyNode is not null)
                {
                    yield return new ImportRow(number, null, null, [new RowError(RowErrorCodes.Unreadable, "legacyCaseNumber", "Must be a string.")]);
                    continue;
                }
            }

            var facts = JsonBody.Deserialize<SeizureFacts>(node);
            yield return facts.Succeeded
                ? new ImportRow(number, facts.Value, string.IsNullOrEmpty(legacy) ? null : legacy, [])
                : new ImportRow(number, null, legacy, [new RowError(RowErrorCodes.Unreadable, facts.Field ?? "$", facts.Error ?? "Unreadable.")]);
        }
    }

    private static IEnumerable<ImportRow> ReadWorkbook(Stream file, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("The workbook has no worksheet.");
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        using var shared = WorkbookSharedStrings.Read(workbook.SharedStringTablePart, cancellationToken);

        Dictionary<int, string>? header = null;
        using var reader = DocumentFormat.OpenXml.OpenXmlReader.Create(worksheet);
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = (int)(row.RowIndex?.Value ?? 0);
            var values = new Dictionary<int, (string Text, bool Numeric)>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                values[column] = CellText(cell, shared);
            }

            if (header is null)
            {
                var width = values.Count == 0 ? 0 : values.Keys.Max() + 1;
                header = FlatSeizureColumns.MapHeader(Enumerable.Range(0, width).Select(i => values.TryGetValue(i, out var v) ? v.Text : string.Empty).ToList());
                continue;
            }

            if (values.Values.All(v => string.IsNullOrWhiteSpace(v.Text)))
            {
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (index, name) in header)
            {
                if (values.TryGetValue(index, out var value))
                {
                    // A date cell holds an Excel serial number; the CEN template has no time zone, so it is read as UTC.
                    cells[name] = name == "seizedAt" && value.Numeric && double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                        ? new DateTimeOffset(DateTime.FromOADate(serial), TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal)
                        : value.Text;
                }
            }

            yield return FlatSeizureColumns.ToRow(number, cells);
        }
    }

    private static (string Text, bool Numeric) CellText(Cell cell, WorkbookSharedStrings shared)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? shared[i] : string.Empty, false);
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return (cell.InlineString?.InnerText ?? string.Empty, false);
        }

        if (cell.DataType?.Value == CellValues.String || cell.DataType?.Value == CellValues.Boolean)
        {
            return (raw, false);
        }

        return (raw, raw.Length > 0);
    }

    private static int ColumnIndex(string? reference)
    {
        var index = 0;
        foreach (var c in reference ?? "A")
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    private static Dictionary<string, string> Cells(Dictionary<int, string> header, List<string> fields)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (index, name) in header)
        {
            if (index < fields.Count)
            {
                cells[name] = fields[index];
            }
        }

        return cells;
    }
}

/// <summary>RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; a record is at most
/// <see cref="ImportLineReader.MaxLineChars"/> long, lines included (a quote never closed ends there, not at the end
/// of the file).</summary>
internal static class CsvRecords
{
    public static async Task<List<string>?> ReadAsync(ImportLineReader reader, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken);
        if (line is null)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i >= line.Length)
            {
                if (quoted)
                {
                    // A line break inside a quoted field: the record goes on on the next line.
                    var next = await reader.ReadLineAsync(cancellationToken);
                    if (next is null)
                    {
                        break;
                    }

                    if (field.Length + next.Length >= ImportLineReader.MaxLineChars)
                    {
                        throw new InvalidDataException($"A quoted field reaches line {reader.LinesRead} and is longer than {ImportLineReader.MaxLineChars:N0} characters (a quote never closed?).");
                    }

                    field.Append('\n');
                    line = next;
                    i = 0;
                    continue;
                }

                break;
            }

            var c = line[i++];
            if (quoted)
            {
                if (c == '"' && i < line.Length && line[i] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    public static string Escape(string? value)
    {
        value ??= string.Empty;
        // A leading =, +, - or @ would run as a formula when the file is opened in Excel.
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
