using System.Text.Json;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Suspects;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Persons;

/// <summary>
/// Stores many suspects fast, straight through the Table SDK: the records as the app's store writes them and their
/// index rows from the app's own <see cref="PersonIndex.RowsFor"/>, in entity-group transactions of up to 100 rows
/// per partition (partitions of one row are written singly, in parallel). Every seeded suspect is a "Khan", so the
/// index partition of that name grows with the table, as the most common names do in real data.
/// </summary>
internal static class SuspectSeeder
{
    private static readonly string[] GivenNames =
    [
        "Asif", "Bilal", "Danish", "Faisal", "Ghulam", "Hamza", "Irfan", "Junaid", "Kashif", "Luqman", "Naveed", "Owais", "Pervez",
        "Qadir", "Rashid", "Sohail", "Tahir", "Usman", "Waqar", "Yasir", "Zahid", "Adnan", "Babar", "Fahad", "Haris",
    ];

    public static async Task SeedAsync(EnforcementApp app, int count, int offset)
    {
        var index = app.Services.GetRequiredService<PersonIndex>();
        var now = DateTimeOffset.UtcNow;
        var records = new List<PersonEntity>(count);
        var rows = new List<PersonIndexRow>(count * 4);
        for (var i = offset; i < offset + count; i++)
        {
            var facts = new SuspectFacts
            {
                GivenNames = GivenNames[i % GivenNames.Length],
                FamilyName = "Khan",
                DateOfBirth = (1950 + (i % 50)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Documents = [new IdentityDocument { Type = "passport", Number = $"SD{i:D7}", IssuingCountry = "PK" }],
            };
            var json = JsonSerializer.Serialize(facts, JsonBody.Options);
            var id = PersonId.New(PersonKind.Suspect, now);
            records.Add(new PersonEntity
            {
                PartitionKey = id.PartitionKey,
                RowKey = id.RowKey,
                Facts = json,
                Version = 1,
                RecordedAt = now,
                UpdatedAt = now,
                RecordedBy = "seeder",
                UpdatedBy = "seeder",
            });
            rows.AddRange(index.RowsFor(PersonKind.Suspect, id.Value, 1, json));
        }

        await Task.WhenAll(WriteAsync(app.Table(StorageNames.Tables.Suspects), records), WriteAsync(app.Table(StorageNames.Tables.SuspectIndex), rows));
    }

    private static async Task WriteAsync<T>(TableClient table, IEnumerable<T> entities)
        where T : class, ITableEntity
    {
        var batches = entities
            .GroupBy(e => e.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(100))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (batch, ct) =>
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
