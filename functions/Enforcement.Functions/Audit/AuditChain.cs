using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Enforcement.Functions.Audit;

/// <summary>The hash of an entry: SHA-256 over a canonical JSON of every field and the previous entry's hash.</summary>
internal static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(AuditEntryEntity e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(e.PartitionKey);
            json.WriteNumberValue(e.Sequence);
            json.WriteStringValue(e.At);
            json.WriteStringValue(e.Subject);
            json.WriteStringValue(e.Roles);
            json.WriteStringValue(e.Office);
            json.WriteStringValue(e.Region);
            json.WriteStringValue(e.ApiKeyId);
            json.WriteStringValue(e.AuthMethod);
            json.WriteStringValue(e.Operation);
            json.WriteStringValue(e.Records);
            json.WriteStringValue(e.Outcome);
            json.WriteStringValue(e.Client);
            json.WriteStringValue(e.TraceId);
            json.WriteStringValue(e.PreviousHash);
            json.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Re-computes a day's chain: sequence numbers from 1 without gaps, each link and hash intact, and the head
    /// pointing at the last entry. Returns the first broken link, or null when the chain is whole.</summary>
    public static AuditBreak? Verify(IReadOnlyList<AuditEntryEntity> entries, AuditHeadEntity? head)
    {
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var expected = i + 1L;
            if (entry.Sequence != expected || entry.RowKey != AuditEntryEntity.RowKeyFor(entry.Sequence))
            {
                return new AuditBreak(expected, $"Expected entry {expected} but found entry {entry.Sequence} (row {entry.RowKey}): an entry was deleted, inserted or moved.");
            }

            if (entry.PreviousHash != previous)
            {
                return new AuditBreak(expected, "The entry does not link to the hash of the entry before it: an entry before it was removed, replaced or reordered.");
            }

            if (HashOf(entry) != entry.Hash)
            {
                return new AuditBreak(expected, "The entry's content does not match its hash: it was edited.");
            }

            previous = entry.Hash;
        }

        var last = entries.Count == 0 ? 0 : entries[^1].Sequence;
        if (head is null ? entries.Count > 0 : head.Sequence != last || head.Hash != previous)
        {
            return new AuditBreak(last + 1, $"The chain head records entry {head?.Sequence ?? 0} but the chain ends at entry {last}: the newest entries were deleted or the head was altered.");
        }

        return null;
    }
}

public sealed record AuditBreak(long Sequence, string Reason);
