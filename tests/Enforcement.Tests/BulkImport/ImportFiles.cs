using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Enforcement.Tests.BulkImport;

/// <summary>Import files as a legacy system or a CEN template would hold them.</summary>
public static class ImportFiles
{
    /// <summary>The CEN template's labels, in its order (see FlatSeizureColumns in the app).</summary>
    public static readonly string[] CenHeader =
    [
        "Case number", "Date of seizure", "Customs office", "Customs procedure", "Detection method", "Commodity category", "Description of goods",
        "HS code", "Quantity", "Unit", "Estimated value", "Currency", "Concealment method", "Means of transport", "Country of departure",
        "Transit countries", "Country of destination",
    ];

    /// <summary>A legacy row in the CEN layout; a null date writes an Excel serial date (2025-03-14) instead of text.</summary>
    public static object?[] CenRow(string caseNumber, string? seizedAt = "2025-03-14T10:00:00+05:00", string office = "PKKHI-APFT", string category = "drugs",
        object? quantity = null, string unit = "kg") =>
        [caseNumber, seizedAt ?? (object)45730.0, office, "import", "nii-scan", category, "Heroin bricks", "2939", quantity ?? 12.5, unit, 50000, "USD",
         "container-structure", "sea", "AE", "OM", "PK"];

    /// <summary>A workbook as Excel saves it: text in the shared-string table (descriptions as rich text with a
    /// phonetic guide, which a cell does not show), cells holding its index; or with inline strings, as some exporters
    /// write them.</summary>
    public static byte[] CenWorkbook(IEnumerable<object?[]> rows, bool sharedStrings = true)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = sharedStrings ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint number = 1;
            data.Append(Row(number++, CenHeader, strings));
            foreach (var row in rows)
            {
                data.Append(Row(number++, row, strings));
            }

            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Seizures" }));
            if (strings is not null)
            {
                var table = new SharedStringTable();
                foreach (var text in strings.OrderBy(s => s.Value).Select(s => s.Key))
                {
                    table.Append(text.Split(' ', 2) is [var first, var rest]
                        ? new SharedStringItem(new Run(new Text(first + " ") { Space = SpaceProcessingModeValues.Preserve }), new Run(new Text(rest)), new PhoneticRun(new Text("フリガナ")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 })
                        : new SharedStringItem(new Text(text)));
                }

                workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = table;
            }
        }

        return buffer.ToArray();
    }

    private static Row Row(uint number, IEnumerable<object?> values, Dictionary<string, int>? strings)
    {
        var row = new Row { RowIndex = number };
        var column = 0;
        foreach (var value in values)
        {
            var reference = $"{(char)('A' + column++)}{number}";
            row.Append(value switch
            {
                null => new Cell { CellReference = reference },
                string text when strings is not null => new Cell
                {
                    CellReference = reference, DataType = CellValues.SharedString,
                    CellValue = new CellValue(strings.TryGetValue(text, out var index) ? index : strings[text] = strings.Count),
                },
                string text => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) },
                _ => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!) },
            });
        }

        return row;
    }

    public const string CsvHeader = "legacyCaseNumber,seizedAt,office,procedure,detectionMethod,category,description,quantity,unit,valueAmount,valueCurrency,concealmentMethod,conveyanceMode,departureCountry,transitCountries,destinationCountry";

    public static string CsvRow(string? caseNumber, string seizedAt = "2025-06-02T08:00:00+05:00", string office = "PKKHI-APFT", string category = "tobacco",
        string quantity = "300", string unit = "cartons", string description = "\"Cigarettes, \"\"Brand X\"\"\"") =>
        $"{caseNumber},{seizedAt},{office},export,physical-examination,{category},{description},{quantity},{unit},900,USD,inside-goods,road,PK,,AF";

    public static byte[] Csv(IEnumerable<string> rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(CsvHeader)) + "\r\n");
}
