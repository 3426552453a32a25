using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Suspects;
using Enforcement.Functions.WatchLists;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.ScreeningBench;

/// <summary>
/// Seeds suspects and watch-list entries straight into the app's tables in entity-group transactions, for speed, with
/// exactly the rows the app writes: the app's own entities, <see cref="PersonIndex.RowsFor"/> for the suspect index,
/// and <see cref="WatchListValidator"/> + <see cref="WatchListStore.EntryRows"/> for the watch-list index.
/// </summary>
internal sealed class Population(IServiceProvider services, string listId)
{
    public static readonly string[] Given =
    [
        "Muhammad", "Ahmed", "Ali", "Hassan", "Hussain", "Imran", "Bilal", "Usman", "Faisal", "Kashif", "Tariq", "Asif", "Zahid", "Naveed",
        "Sohail", "Waqar", "Junaid", "Adnan", "Farhan", "Shahid", "Arif", "Khalid", "Rashid", "Sajid", "Nadeem", "Irfan", "Yasir", "Qasim",
        "Abdul", "Gul", "Noor", "Sher", "Aftab", "Jamil", "Zubair", "Owais", "Hamza", "Saad", "Danish", "Babar",
    ];

    public static readonly string[] Middle =
    [
        "Akram", "Aslam", "Iqbal", "Javed", "Latif", "Majeed", "Nawaz", "Rafiq", "Saleem", "Shafiq", "Yousuf", "Zafar", "Anwar", "Bashir",
        "Ghani", "Hameed", "Ilyas", "Karim", "Mahmood", "Nasir", "Qadir", "Rauf", "Sattar", "Wahid", "Younas", "Aziz", "Habib", "Jabbar",
        "Mansoor", "Rehman",
    ];

    public static readonly string[] Family =
    [
        "Khan", "Afridi", "Yousafzai", "Durrani", "Achakzai", "Baloch", "Bhatti", "Butt", "Chaudhry", "Dar", "Gill", "Haider", "Janjua",
        "Kakar", "Khattak", "Lodhi", "Malik", "Mengal", "Mirza", "Niazi", "Qureshi", "Rajput", "Rana", "Shah", "Sheikh", "Siddiqui",
        "Syed", "Tareen", "Wazir", "Zaidi", "Abbasi", "Awan", "Bugti", "Cheema", "Gondal", "Hashmi", "Jatoi", "Kasi", "Marwat", "Memon",
    ];

    private const int Parallelism = 32;

    private readonly TableServiceClient _tables = services.GetRequiredService<TableServiceClient>();
    private readonly StorageNames _names = services.GetRequiredService<StorageNames>();
    private readonly PersonIndex _index = services.GetRequiredService<PersonIndex>();

    public int Suspects { get; private set; }

    public int Entries { get; private set; }

    public static string NameOf(int i) => $"{Given[i % Given.Length]} {Middle[i / Given.Length % Middle.Length]} {Family[i / (Given.Length * Middle.Length) % Family.Length]}";

    public static string BirthDateOf(int i) => new DateOnly(1950 + (i * 7 % 55), 1 + (i % 12), 1 + (i % 28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DocumentOf(int i) => string.Create(CultureInfo.InvariantCulture, $"SB{i:D7}");

    /// <summary>Adds suspects until there are <paramref name="target"/>, in chunks, printing progress.</summary>
    public async Task GrowSuspectsAsync(int target, Action<string> progress)
    {
        var records = _tables.GetTableClient(_names.Table(StorageNames.Tables.Suspects));
        var index = _tables.GetTableClient(_names.Table(StorageNames.Tables.SuspectIndex));
        // Large chunks put several rows of a name partition in one transaction.
        const int Chunk = 20_000;
        while (Suspects < target)
        {
            var count = Math.Min(Chunk, target - Suspects);
            var now = DateTimeOffset.UtcNow;
            var entities = new List<PersonEntity>(count);
            var rows = new List<PersonIndexRow>(count * 8);
            for (var i = Suspects; i < Suspects + count; i++)
            {
                var facts = new SuspectFacts
                {
                    FullName = NameOf(i),
                    DateOfBirth = BirthDateOf(i),
                    Nationalities = ["PK"],
                    Documents = [new IdentityDocument { Type = "passport", Number = DocumentOf(i), IssuingCountry = "PK" }],
                };
                var json = JsonSerializer.Serialize(facts, JsonBody.Options);
                var id = PersonId.New(PersonKind.Suspect, now);
                entities.Add(new PersonEntity
                {
                    PartitionKey = id.PartitionKey, RowKey = id.RowKey, Facts = json, Version = 1, RecordedAt = now, UpdatedAt = now,
                    RecordedBy = "screening-bench", UpdatedBy = "screening-bench",
                });
                rows.AddRange(_index.RowsFor(PersonKind.Suspect, id.Value, 1, json));
            }

            await Task.WhenAll(WriteAsync(records, entities), WriteAsync(index, rows));
            Suspects += count;
            progress($"  suspects {Suspects:N0}/{target:N0} ({rows.Count / count:0.0} index rows each)");
        }
    }

    /// <summary>Adds watch-list entries until there are <paramref name="target"/>: persons (name, date of birth,
    /// nationality), documents, companies and containers, validated as the API validates them.</summary>
    public async Task GrowEntriesAsync(int target, Action<string> progress)
    {
        var lists = _tables.GetTableClient(_names.Table(StorageNames.Tables.WatchLists));
        var index = _tables.GetTableClient(_names.Table(StorageNames.Tables.WatchListIndex));
        const int Chunk = 5_000;
        while (Entries < target)
        {
            var count = Math.Min(Chunk, target - Entries);
            var now = DateTimeOffset.UtcNow;
            var entities = new List<WatchListEntryEntity>(count);
            var rows = new List<WatchListIndexRow>(count * 4);
            for (var i = Entries; i < Entries + count; i++)
            {
                // Entries name other people than the suspects (offset), so most passengers hit neither or one.
                var n = 7_919 * (i + 1);
                var facts = (i % 10) switch
                {
                    < 6 => new WatchListEntryFacts { Type = "person", Name = NameOf(n), DateOfBirth = BirthDateOf(n), Country = "PK" },
                    < 8 => new WatchListEntryFacts { Type = "document", DocumentNumber = string.Create(CultureInfo.InvariantCulture, $"WD{i:D7}") },
                    < 9 => new WatchListEntryFacts { Type = "company", Name = $"{Family[i % Family.Length]} {Middle[i / Family.Length % Middle.Length]} Traders", Country = "AE" },
                    _ => new WatchListEntryFacts { Type = "container", Identifier = Container(i) },
                };
                facts = facts with { Reason = "Screening benchmark", Source = "bench", HandlingCode = "H2", ValidTo = now.AddDays(180) };
                var (normalized, partitions, errors) = WatchListValidator.Validate(facts, "bench-analyst", now);
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException($"Entry {i} is invalid: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
                }

                var (entry, indexRows) = WatchListStore.EntryRows(listId, normalized, partitions, now);
                entities.Add(entry);
                rows.AddRange(indexRows);
            }

            await Task.WhenAll(WriteAsync(lists, entities), WriteAsync(index, rows));
            Entries += count;
            progress($"  watch-list entries {Entries:N0}/{target:N0}");
        }
    }

    private static string Container(int i)
    {
        var first10 = string.Create(CultureInfo.InvariantCulture, $"BNCU{i % 1_000_000:D6}");
        return first10 + Functions.ReferenceData.ContainerNumber.ComputeCheckDigit(first10);
    }

    private static async Task WriteAsync<T>(TableClient table, IEnumerable<T> entities)
        where T : class, ITableEntity
    {
        var batches = entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (batch, ct) =>
        {
            if (batch.Length == 1)
            {
                await table.UpsertEntityAsync(batch[0], TableUpdateMode.Replace, ct);
            }
            else
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
            }
        });
    }
}
