using System.Globalization;
using System.Text;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// seizures.csv: RFC 4180 (comma-separated, CRLF line ends, a header row, fields with a comma, quote, CR or LF quoted
/// with inner quotes doubled), UTF-8 without BOM, one row per seized item. A seizure's own columns repeat on each of
/// its item rows; lists (transit countries, containers) are joined with ';'.
/// </summary>
internal static class FeedCsv
{
    public static readonly string[] Columns =
    [
        "id", "seizedAt", "office", "procedure", "detectionMethod",
        "item", "category", "hsCode", "quantity", "unit", "estimatedValue", "currency",
        "concealmentMethod", "conveyanceMode", "vesselImo", "flightNumber", "containerNumbers",
        "departureCountry", "transitCountries", "destinationCountry", "departurePlace", "destinationPlace",
    ];

    public static string Header { get; } = string.Join(',', Columns) + "\r\n";

    /// <summary>Appends the record's rows (one per item; a record without items still gets one row).</summary>
    public static void AppendRows(StringBuilder csv, FeedRecord record)
    {
        var rows = Math.Max(1, record.Items.Count);
        for (var i = 0; i < rows; i++)
        {
            var item = i < record.Items.Count ? record.Items[i] : null;
            Field(csv, record.Id, first: true);
            Field(csv, record.SeizedAt);
            Field(csv, record.Office);
            Field(csv, record.Procedure);
            Field(csv, record.DetectionMethod);
            Field(csv, item is null ? null : (i + 1).ToString(CultureInfo.InvariantCulture));
            Field(csv, item?.Category);
            Field(csv, item?.HsCode);
            Field(csv, item?.Quantity.ToString(CultureInfo.InvariantCulture));
            Field(csv, item?.Unit);
            Field(csv, item?.EstimatedValue?.Amount.ToString(CultureInfo.InvariantCulture));
            Field(csv, item?.EstimatedValue?.Currency);
            Field(csv, record.ConcealmentMethod);
            Field(csv, record.Conveyance?.Mode);
            Field(csv, record.Conveyance?.VesselImo);
            Field(csv, record.Conveyance?.FlightNumber);
            Field(csv, record.Conveyance?.ContainerNumbers is { } containers ? string.Join(';', containers) : null);
            Field(csv, record.Route?.DepartureCountry);
            Field(csv, record.Route?.TransitCountries is { } transit ? string.Join(';', transit) : null);
            Field(csv, record.Route?.DestinationCountry);
            Field(csv, record.Route?.DeparturePlace);
            Field(csv, record.Route?.DestinationPlace);
            csv.Append("\r\n");
        }
    }

    internal static void Field(StringBuilder csv, string? value, bool first = false)
    {
        if (!first)
        {
            csv.Append(',');
        }

        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            csv.Append(value);
            return;
        }

        csv.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
