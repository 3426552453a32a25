using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Feeds;

/// <summary>One seizure ready to be appended to the files of its scopes: its JSON line, its CSV rows, and the
/// projection the summaries count. <see cref="Regions"/> is the scope bit set of <see cref="FeedScopes.RegionsOf"/>.</summary>
internal sealed record FeedLine(FeedRecord Record, int Regions, byte[] Json, byte[] Csv);

/// <summary>Projects stored seizures into feed lines (one instance per thread: it reuses its buffers).</summary>
internal sealed class FeedLineSerializer(Pseudonymizer pseudonymizer) : IDisposable
{
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private readonly StringBuilder _csv = new(4096);

    // Not HTML: '+' in offsets and non-ASCII need no \u escapes in a data file.
    private readonly Utf8JsonWriter _writer = new(new ArrayBufferWriter<byte>(), new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public FeedLine Serialize(SeizureEntity entity)
    {
        var facts = SeizureMapping.ReadFacts(entity);
        var record = FeedRecord.From(pseudonymizer.IdFor(entity.RowKey), facts);

        _json.ResetWrittenCount();
        _writer.Reset(_json);
        JsonSerializer.Serialize(_writer, record, FeedRecordJsonContext.Default.FeedRecord);
        _writer.Flush();
        _json.Write("\n"u8);

        _csv.Clear();
        FeedCsv.AppendRows(_csv, record);
        return new FeedLine(record, FeedScopes.RegionsOf(facts.Route), _json.WrittenSpan.ToArray(), Encoding.UTF8.GetBytes(_csv.ToString()));
    }

    public void Dispose() => _writer.Dispose();
}
