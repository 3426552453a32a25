using System.Globalization;
using System.Text.Json;
using Enforcement.Functions.Http;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Seizures;

namespace Enforcement.Bench;

/// <summary>One record to write twice: as the POST body the API receives, and as the entity the API would store.</summary>
internal sealed record SeizureSample(string IdempotencyKey, byte[] Body, SeizureEntity Entity)
{
    public string Token { get; } = SupervisorOf(Entity.Office);

    private static string SupervisorOf(string office)
    {
        var port = office.Split('-')[0];
        return Enforcement.BenchKit.BenchTokens.For("bench-supervisor-" + port, "supervisor", port);
    }
}

/// <summary>Valid seizure reports with varying offices, categories, conveyances and narrative lengths, all seized
/// earlier in the current month (one partition, as in real use), reproducible from a seed.</summary>
internal sealed class SeizureSamples(int seed)
{
    private static readonly string[] Offices = ["PKKHI", "PKKHI-APFT", "PKKHI-SEA", "PKLHE", "PKLHE-AIR", "PKISB", "AEJEA", "AEDXB-CARGO", "NLRTM", "DEHAM-FS", "SGSIN", "BEANR"];

    private static readonly string[] Procedures = ["import", "export", "transit", "passenger", "postal", "courier"];

    private static readonly string[] DetectionMethods = ["risk-profiling", "intelligence", "nii-scan", "canine", "physical-examination", "random-check", "document-check"];

    private static readonly (string Category, string Description, string Unit, string? HsCode)[] Goods =
    [
        ("drugs", "Heroin in compressed blocks", "kg", "2939"),
        ("drugs", "Methamphetamine crystals", "g", null),
        ("precursors", "Acetic anhydride in drums", "l", "2915.24"),
        ("tobacco", "Cigarettes without tax stamps", "sticks", "2402.20"),
        ("alcohol", "Undeclared whisky", "l", "2208.30"),
        ("weapons", "Pistols with removed serial numbers", "pieces", "9302"),
        ("ammunition", "9 mm cartridges", "pieces", "9306.30"),
        ("currency", "Undeclared US dollar banknotes", "pieces", null),
        ("wildlife-cites", "Pangolin scales", "kg", "0508"),
        ("counterfeit-ipr", "Counterfeit branded watches", "pieces", "9102.11"),
        ("cultural-property", "Gandhara stone reliefs", "pieces", "9705"),
        ("strategic-dual-use", "Carbon fibre rolls", "kg", "6815"),
    ];

    private static readonly string[] Concealments = ["body", "baggage", "baggage-false-bottom", "clothing", "inside-goods", "mixed-with-goods", "container-structure", "vehicle-compartment", "postal-item", "courier-parcel", "false-declaration"];

    private static readonly string[] Countries = ["PK", "AE", "AF", "CN", "GB", "DE", "NL", "SG", "TH", "IN", "IR", "TR", "QA", "SA"];

    private static readonly string[] Places = ["PKKHI", "PKLHE", "AEJEA", "AEDXB", "NLRTM", "DEHAM", "SGSIN", "CNSHA", "GBFXT", "QADOH"];

    private static readonly string[] Currencies = ["PKR", "USD", "AED", "EUR"];

    private static readonly string[] Words =
        "the officer examined consignment declared as household goods scanner image showed anomalies in pallets behind panels canine indicated passenger bag stated no items to declare further examination revealed packets wrapped in carbon paper and tape seized under customs act chain of custody maintained samples sent to laboratory".Split(' ');

    private readonly Random _random = new(seed);

    public IReadOnlyList<SeizureSample> Create(int count)
    {
        var samples = new List<SeizureSample>(count);
        for (var i = 0; i < count; i++)
        {
            samples.Add(Create());
        }

        return samples;
    }

    private SeizureSample Create()
    {
        var now = DateTimeOffset.UtcNow;
        var facts = Facts(now);
        var (normalized, seizedAt, errors) = SeizureValidator.Validate(facts, now);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The benchmark made an invalid seizure: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        // What SeizureStore.CreateAsync stores: the normalized facts, keyed by an id in the seizure's month.
        var id = SeizureId.New(SeizureMonth.Of(seizedAt), now);
        var entity = new SeizureEntity
        {
            PartitionKey = id.PartitionKey,
            RowKey = id.RowKey,
            Facts = SeizureStore.Serialize(normalized),
            Version = 1,
            RecordedAt = now,
            UpdatedAt = now,
            SeizedAtUtc = seizedAt.ToUniversalTime(),
            Office = normalized.Office!,
        };
        return new SeizureSample(Guid.NewGuid().ToString(), JsonSerializer.SerializeToUtf8Bytes(facts, JsonBody.Options), entity);
    }

    private SeizureFacts Facts(DateTimeOffset now)
    {
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var span = Math.Max(0, (now - monthStart).TotalSeconds - 60);
        var seizedAt = monthStart.AddSeconds(Math.Floor(_random.NextDouble() * span));
        var procedure = Pick(Procedures);
        return new SeizureFacts
        {
            SeizedAt = seizedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Office = Pick(Offices),
            Procedure = procedure,
            DetectionMethod = Pick(DetectionMethods),
            Items = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Item()).ToList(),
            Concealment = new Concealment { Method = Pick(Concealments), Description = Sentence(4, 20) },
            Conveyance = Conveyance(procedure),
            Route = new Route
            {
                DepartureCountry = Pick(Countries),
                TransitCountries = _random.Next(3) == 0 ? [Pick(Countries)] : null,
                DestinationCountry = "PK",
                DeparturePlace = Pick(Places),
                DestinationPlace = "PKKHI",
            },
            Narrative = Sentence(20, 250),
        };
    }

    private SeizedItem Item()
    {
        var (category, description, unit, hsCode) = Pick(Goods);
        return new SeizedItem
        {
            Category = category,
            Description = description,
            HsCode = hsCode,
            Quantity = Math.Round((decimal)(_random.NextDouble() * 500) + 1, 2),
            Unit = unit,
            EstimatedValue = _random.Next(4) == 0 ? null : new Money { Amount = _random.Next(1_000, 50_000_000), Currency = Pick(Currencies) },
        };
    }

    private Conveyance Conveyance(string procedure) => procedure switch
    {
        "import" or "export" or "transit" => new Conveyance
        {
            Mode = "sea",
            VesselImo = "9074729",
            ContainerNumbers = Enumerable.Range(0, _random.Next(1, 6)).Select(_ => ContainerNumberFor(_random.Next(1_000_000))).Distinct().ToList(),
            TransportDocument = "BL" + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
        },
        "passenger" => new Conveyance { Mode = "air", FlightNumber = "PK" + _random.Next(100, 999).ToString(CultureInfo.InvariantCulture) },
        "courier" => new Conveyance { Mode = "road", VehicleRegistration = "KHI-" + _random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) },
        _ => new Conveyance { Mode = "postal" },
    };

    private static string ContainerNumberFor(int serial)
    {
        var first10 = "CSQU" + serial.ToString("D6", CultureInfo.InvariantCulture);
        return first10 + ContainerNumber.ComputeCheckDigit(first10);
    }

    private string Sentence(int minWords, int maxWords) =>
        string.Join(' ', Enumerable.Range(0, _random.Next(minWords, maxWords + 1)).Select(_ => Pick(Words))) + ".";

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];
}
