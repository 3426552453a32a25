using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Alerts;

/// <summary>
/// The alerts' key rules. Publishing with an Idempotency-Key first inserts the key's row, which reserves the alert id:
/// concurrent retries read the winner's row and race to insert the same alert, one wins and the others replay it.
/// The audience listing rows, the inbox fan-out request, the webhook event and the escalation chain follow the insert
/// and are repeated by a replay (each is idempotent), so a publisher that dies half-way is completed by its retry.
/// </summary>
internal sealed class AlertStore(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    private readonly TableClient _alerts = tables.GetTableClient(names.Table(StorageNames.Tables.Alerts));
    private readonly TableClient _audience = tables.GetTableClient(names.Table(StorageNames.Tables.AlertAudience));

    public static bool IsAlertId(string? id) => id is { Length: 21 } && id.StartsWith("AL-", StringComparison.Ordinal)
        && id.AsSpan(3).ToString().All(c => TimeOrderedKey.Alphabet.Contains(c));

    /// <summary>The stored alert and whether it was replayed; null when the key was used with another body.</summary>
    public async Task<(AlertEntity Alert, bool Replayed)?> PublishAsync(Caller caller, AlertRequest alert, IReadOnlyList<string> recipients, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var content = JsonSerializer.Serialize(alert, JsonBody.Options);
        var hash = Sha256Hex.Of(content);
        var id = "AL-" + Cursors.Next(now);
        if (idempotencyKey is not null)
        {
            var key = new TableEntity($"idem|{RecipientKeys.User(caller.Subject)}|{Sha256Hex.Of(idempotencyKey)[..32]}", "key") { ["AlertId"] = id, ["RequestHash"] = hash };
            try
            {
                await _alerts.AddEntityAsync(key, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var existing = (await _alerts.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken)).Value;
                if (existing.GetString("RequestHash") != hash)
                {
                    return null;
                }

                id = existing.GetString("AlertId");
            }
        }

        var entity = new AlertEntity
        {
            PartitionKey = id, Content = content, RequestHash = hash, RecipientKeys = string.Join(' ', recipients), Handling = alert.Handling!,
            Priority = alert.Priority!, RequestAck = alert.RequestAck == true, Office = alert.Office, ValidUntil = alert.ValidUntil,
            PublishedBy = caller.Subject, PublishedAt = now,
        };
        var replayed = false;
        try
        {
            await _alerts.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            entity = (await _alerts.GetEntityAsync<AlertEntity>(id, AlertEntity.Row, cancellationToken: cancellationToken)).Value;
            replayed = true;
        }

        await Parallel.ForEachAsync(entity.Recipients, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (recipient, ct) =>
            await _audience.UpsertEntityAsync(new AlertAudienceEntity
            {
                PartitionKey = recipient, RowKey = AlertAudienceEntity.RowKeyFor(entity.PartitionKey), AlertId = entity.PartitionKey,
            }, TableUpdateMode.Replace, ct));
        return (entity, replayed);
    }

    public async Task<AlertEntity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsAlertId(id))
        {
            return null;
        }

        var row = await _alerts.GetEntityIfExistsAsync<AlertEntity>(id, AlertEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public static AlertRequest ContentOf(AlertEntity entity) => JsonSerializer.Deserialize<AlertRequest>(entity.Content, JsonBody.Options)!;

    /// <summary>Whether a caller holding these keys is among the alert's recipients (or published it).</summary>
    public static bool IsAddressedTo(AlertEntity alert, Caller caller, IReadOnlyList<string> keys) =>
        alert.PublishedBy == caller.Subject || alert.Recipients.Any(r => keys.Contains(r, StringComparer.Ordinal));

    /// <summary>The caller's alerts, newest first: one range query per recipient key, merged; the token is the last row key.</summary>
    public async Task<(IReadOnlyList<string> AlertIds, string? Next)> ListAsync(IReadOnlyList<string> keys, int limit, string? after, CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(keys.Select(async key =>
        {
            var filter = after is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {key}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey gt {after}");
            var rows = new List<AlertAudienceEntity>(limit);
            await foreach (var page in _audience.QueryAsync<AlertAudienceEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages())
            {
                rows.AddRange(page.Values);
                break;
            }

            return rows;
        }));
        var merged = pages.SelectMany(p => p).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var ids = new List<string>(limit);
        string? last = null;
        foreach (var row in merged)
        {
            if (ids.Count == limit)
            {
                return (ids, last);
            }

            last = row.RowKey;
            if (!ids.Contains(row.AlertId, StringComparer.Ordinal))
            {
                ids.Add(row.AlertId);
            }
        }

        return (ids, pages.Any(p => p.Count >= limit) ? last : null);
    }

    public async Task<string?> ReadMarkerAsync(string subject, CancellationToken cancellationToken)
    {
        var row = await _alerts.GetEntityIfExistsAsync<TableEntity>("read|" + RecipientKeys.User(subject), "alerts", cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("UpTo") : null;
    }

    /// <summary>Moves the reader's one marker; it never moves back (a late request from another device is ignored).</summary>
    public async Task<string> MarkReadAsync(string subject, string upTo, CancellationToken cancellationToken)
    {
        var current = await ReadMarkerAsync(subject, cancellationToken);
        if (current is not null && string.CompareOrdinal(current, upTo) >= 0)
        {
            return current;
        }

        await _alerts.UpsertEntityAsync(new TableEntity("read|" + RecipientKeys.User(subject), "alerts") { ["UpTo"] = upTo }, TableUpdateMode.Replace, cancellationToken);
        return upTo;
    }

    public async Task<AlertAckEntity> AcknowledgeAsync(string alertId, Caller caller, CancellationToken cancellationToken)
    {
        var ack = new AlertAckEntity
        {
            PartitionKey = alertId, RowKey = AlertAckEntity.Prefix + RecipientKeys.User(caller.Subject), Subject = caller.Subject, Office = caller.Office,
            AcknowledgedAt = time.GetUtcNow(),
        };
        try
        {
            await _alerts.AddEntityAsync(ack, cancellationToken);
            return ack;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await _alerts.GetEntityAsync<AlertAckEntity>(ack.PartitionKey, ack.RowKey, cancellationToken: cancellationToken)).Value;
        }
    }

    public async Task<IReadOnlyList<AlertAckEntity>> AcknowledgementsAsync(string alertId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {alertId} and RowKey ge {AlertAckEntity.Prefix} and RowKey lt {"ack}"}");
        var acks = new List<AlertAckEntity>();
        await foreach (var ack in _alerts.QueryAsync<AlertAckEntity>(filter, cancellationToken: cancellationToken))
        {
            acks.Add(ack);
        }

        return acks;
    }

    /// <summary>Named users who have not acknowledged, and audience offices from which no one has.</summary>
    public static IReadOnlyList<string> Pending(AlertRequest content, IReadOnlyList<AlertAckEntity> acks)
    {
        var users = content.Audience!.Users!.Where(u => acks.All(a => a.Subject != u)).Select(u => "user:" + u);
        var offices = content.Handling == Handling.HandlingCodes.NamedOnly ? [] : content.Audience.Offices!
            .Where(o => acks.All(a => a.Office is null || !(a.Office == o || a.Office.StartsWith(o + "-", StringComparison.Ordinal))))
            .Select(o => "office:" + o);
        var pending = users.Concat(offices).ToList();
        if (pending.Count == 0 && acks.Count == 0)
        {
            // Addressed only to regions or roles, which cannot be enumerated: pending until someone acknowledges.
            pending.Add("audience");
        }

        return pending;
    }
}
