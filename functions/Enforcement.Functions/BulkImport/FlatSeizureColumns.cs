using System.Globalization;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// The flat layout shared by this system's CSV and the CEN-template workbook: one seized item per row (a legacy
/// seizure of several commodities is several rows with different case numbers, as CEN's commodity templates hold
/// them). Columns are matched by header, in any order, case-insensitively: this system's names (first) or the CEN
/// template's labels (second). Lists (container numbers, transit countries) are separated by ';'.
/// </summary>
internal static class FlatSeizureColumns
{
    public static readonly (string Name, string CenLabel)[] All =
    [
        ("legacyCaseNumber", "Case number"),
        ("seizedAt", "Date of seizure"),
        ("office", "Customs office"),
        ("procedure", "Customs procedure"),
        ("detectionMethod", "Detection method"),
        ("category", "Commodity category"),
        ("description", "Description of goods"),
        ("hsCode", "HS code"),
        ("quantity", "Quantity"),
        ("unit", "Unit"),
        ("valueAmount", "Estimated value"),
        ("valueCurrency", "Currency"),
        ("concealmentMethod", "Concealment method"),
        ("concealmentDescription", "Concealment description"),
        ("conveyanceMode", "Means of transport"),
        ("vesselImo", "Vessel IMO number"),
        ("flightNumber", "Flight number"),
        ("vehicleRegistration", "Vehicle registration"),
        ("containerNumbers", "Container numbers"),
        ("transportDocument", "Transport document"),
        ("departureCountry", "Country of departure"),
        ("transitCountries", "Transit countries"),
        ("destinationCountry", "Country of destination"),
        ("departurePlace", "Place of departure"),
        ("destinationPlace", "Place of destination"),
        ("narrative", "Remarks"),
    ];

    /// <summary>Maps header cells to column names; unknown headers are ignored (templates carry extra columns).</summary>
    public static Dictionary<int, string> MapHeader(IReadOnlyList<string> header)
    {
        var map = new Dictionary<int, string>();
        for (var i = 0; i < header.Count; i++)
        {
            var cell = header[i].Trim();
            var column = All.FirstOrDefault(c => string.Equals(c.Name, cell, StringComparison.OrdinalIgnoreCase) || string.Equals(c.CenLabel, cell, StringComparison.OrdinalIgnoreCase));
            if (column.Name is not null)
            {
                map[i] = column.Name;
            }
        }

        return map;
    }

    public static ImportRow ToRow(int number, IReadOnlyDictionary<string, string> cells)
    {
        var errors = new List<RowError>();
        string? Get(string name) => cells.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        decimal? Number(string name)
        {
            if (Get(name) is not { } text)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors.Add(new RowError(RowErrorCodes.Unreadable, name, $"'{text}' is not a number (use '.' for decimals)."));
            return null;
        }

        IReadOnlyList<string>? List(string name) =>
            Get(name)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var item = new SeizedItem
        {
            Category = Get("category"),
            Description = Get("description"),
            HsCode = Get("hsCode"),
            Quantity = Number("quantity"),
            Unit = Get("unit"),
            EstimatedValue = Get("valueAmount") is null && Get("valueCurrency") is null ? null : new Money { Amount = Number("valueAmount"), Currency = Get("valueCurrency") },
        };
        var facts = new SeizureFacts
        {
            SeizedAt = Get("seizedAt"),
            Office = Get("office"),
            Procedure = Get("procedure"),
            DetectionMethod = Get("detectionMethod"),
            Items = [item],
            Concealment = Get("concealmentMethod") is null && Get("concealmentDescription") is null ? null
                : new Concealment { Method = Get("concealmentMethod"), Description = Get("concealmentDescription") },
            Conveyance = Get("conveyanceMode") is null ? null : new Conveyance
            {
                Mode = Get("conveyanceMode"),
                VesselImo = Get("vesselImo"),
                FlightNumber = Get("flightNumber"),
                VehicleRegistration = Get("vehicleRegistration"),
                ContainerNumbers = List("containerNumbers"),
                TransportDocument = Get("transportDocument"),
            },
            Route = Get("departureCountry") is null && Get("destinationCountry") is null && Get("transitCountries") is null ? null : new Seizures.Route
            {
                DepartureCountry = Get("departureCountry"),
                TransitCountries = List("transitCountries"),
                DestinationCountry = Get("destinationCountry"),
                DeparturePlace = Get("departurePlace"),
                DestinationPlace = Get("destinationPlace"),
            },
            Narrative = Get("narrative"),
        };
        return new ImportRow(number, facts, Get("legacyCaseNumber"), errors);
    }
}
