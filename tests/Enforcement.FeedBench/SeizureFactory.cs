using System.Globalization;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Seizures;

namespace Enforcement.FeedBench;

/// <summary>Realistic seizure facts (routes, conveyances, several items, narratives of a few hundred characters),
/// deterministic for a seed, stored exactly as the API stores them.</summary>
internal sealed class SeizureFactory(int seed)
{
    private static readonly string[] Offices = ["PKKHI-APFT", "PKKHI-EPZ", "PKBQM", "PKLHE-AIRP", "PKISB-AIRP", "PKPEW", "PKSKT", "PKKHI-SAPT", "PKTFT"];
    private static readonly string[] Procedures = ["import", "export", "transit", "passenger", "postal", "courier"];
    private static readonly string[] Detections = ["risk-profiling", "intelligence", "nii-scan", "canine", "physical-examination", "random-check", "document-check"];
    private static readonly string[] Concealments = ["body", "body-internal", "baggage-false-bottom", "inside-goods", "mixed-with-goods", "container-structure", "vehicle-compartment", "postal-item", "courier-parcel"];
    private static readonly (string Category, string Hs, string Unit, decimal Max)[] Goods =
    [
        ("drugs", "1211", "kg", 250m), ("drugs", "2939", "kg", 80m), ("precursors", "2914", "kg", 2000m), ("tobacco", "2402", "sticks", 500_000m),
        ("alcohol", "2208", "l", 3000m), ("weapons", "9302", "pieces", 40m), ("ammunition", "9306", "pieces", 5000m), ("currency", "4907", "pieces", 200_000m),
        ("wildlife-cites", "0508", "kg", 300m), ("counterfeit-ipr", "6403", "pieces", 20_000m),
    ];
    private static readonly string[] Origins = ["AF", "AE", "CN", "IR", "IN", "TH", "MY", "DE", "NL", "GB", "TR", "SA", "QA", "NG", "KE", "BR", "CO", "US", "CA", "ZA"];
    private static readonly string[] Transits = ["AE", "OM", "QA", "TR", "SG", "LK", "DJ", "ET", "NL", "BE"];
    private static readonly string[] Names = ["Imran Baloch", "Ayesha Khan", "Farooq Ahmed", "Nadia Hussain", "Bilal Qureshi", "Sana Malik", "Usman Tariq", "Hina Javed"];

    private readonly Random _random = new(seed);

    public SeizureFacts Next(string month)
    {
        var day = 1 + _random.Next(28);
        var seizedAt = string.Create(CultureInfo.InvariantCulture, $"{month}-{day:D2}T{_random.Next(24):D2}:{_random.Next(60):D2}:00+05:00");
        var mode = Pick(["sea", "sea", "air", "air", "road", "postal"]);
        var items = Enumerable.Range(0, 1 + (_random.Next(10) < 7 ? 0 : _random.Next(1, 4))).Select(_ =>
        {
            var goods = Goods[_random.Next(Goods.Length)];
            return new SeizedItem
            {
                Category = goods.Category,
                Description = $"{goods.Category} in {1 + _random.Next(60)} packages, marked {Convert.ToHexString(BitConverter.GetBytes(_random.Next()))}",
                HsCode = goods.Hs,
                Quantity = Math.Round((decimal)_random.NextDouble() * goods.Max + 0.1m, 1),
                Unit = goods.Unit,
                EstimatedValue = new Money { Amount = _random.Next(100, 2_000_000), Currency = Pick(["USD", "PKR", "AED", "EUR"]) },
            };
        }).ToList();
        var name = Pick(Names);
        return new SeizureFacts
        {
            SeizedAt = seizedAt,
            Office = Pick(Offices),
            Procedure = Pick(Procedures),
            DetectionMethod = Pick(Detections),
            Items = items,
            Concealment = new Concealment { Method = Pick(Concealments), Description = $"Concealed by {name} in a purpose-built cavity, sealed with resin and covered with legitimate cargo." },
            Conveyance = mode switch
            {
                "sea" => new Conveyance { Mode = "sea", VesselImo = "9074729", ContainerNumbers = [Container(), Container()], TransportDocument = $"BL-{_random.Next(100000, 999999)}" },
                "air" => new Conveyance { Mode = "air", FlightNumber = $"{Pick(["PK", "EK", "QR", "TK"])}{_random.Next(1, 999)}", TransportDocument = $"AWB 176-{_random.Next(10000000, 99999999)}" },
                "road" => new Conveyance { Mode = "road", VehicleRegistration = $"LEB-{_random.Next(1000, 9999)}" },
                _ => new Conveyance { Mode = mode },
            },
            Route = new Route
            {
                DepartureCountry = Pick(Origins),
                TransitCountries = _random.Next(3) == 0 ? [Pick(Transits)] : [],
                DestinationCountry = _random.Next(4) == 0 ? Pick(Origins) : "PK",
                DeparturePlace = null,
                DestinationPlace = "PKKHI",
            },
            Narrative = $"On {seizedAt[..10]} officers selected the consignment after a {Pick(Detections)} alert. {name} (passport AB{_random.Next(1000000, 9999999)}, " +
                        $"phone 0300{_random.Next(1000000, 9999999)}) presented the documents and was interviewed. Samples were taken for laboratory analysis; " +
                        "the goods were sealed and moved to the bonded warehouse. The case was referred to the investigation unit for follow-up.",
        };
    }

    private string Container()
    {
        var first10 = string.Create(CultureInfo.InvariantCulture, $"{Pick(["MSCU", "CSQU", "MAEU", "TGHU", "HLXU"])}{_random.Next(0, 999999):D6}");
        return first10 + ContainerNumber.ComputeCheckDigit(first10);
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
