using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Groups;

/// <summary>
/// The groups' key rules (see <see cref="GroupEntity"/> for the rows). A message is sent with one entity-group
/// transaction holding the message and its send claim: concurrent retries of the same PUT collide on the claim, one
/// commits and the others read the claim and return the same message.
/// </summary>
internal sealed class GroupStore(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    private readonly TableClient _groups = tables.GetTableClient(names.Table(StorageNames.Tables.Groups));
    private readonly TableClient _membership = tables.GetTableClient(names.Table(StorageNames.Tables.GroupMembership));

    public static bool IsGroupId(string? id) => id is { Length: 21 } && id.StartsWith("OP-", StringComparison.Ordinal)
        && id.AsSpan(3).ToString().All(c => TimeOrderedKey.Alphabet.Contains(c));

    public static string MemberKey(string kind, string value) => kind == "user" ? RecipientKeys.User(value) : RecipientKeys.Office(value);

    /// <summary>The member keys that admit this caller: the user, their office and its port.</summary>
    public static IReadOnlyList<string> KeysOf(Caller caller)
    {
        var keys = new List<string> { RecipientKeys.User(caller.Subject) };
        if (caller.Office is { } office)
        {
            keys.Add(RecipientKeys.Office(office));
            var port = office.Split('-')[0];
            if (port != office)
            {
                keys.Add(RecipientKeys.Office(port));
            }
        }

        return keys;
    }

    public async Task<GroupEntity> CreateAsync(GroupEntity group, IReadOnlyList<GroupMemberEntity> members, CancellationToken cancellationToken)
    {
        group.PartitionKey = "OP-" + Cursors.Next(time.GetUtcNow());
        group.CreatedAt = time.GetUtcNow();
        foreach (var member in members)
        {
            member.PartitionKey = group.PartitionKey;
        }

        // Index rows first: a group whose transaction never commits leaves only index rows that point at nothing.
        await _membership.UpsertEntityAsync(new GroupMembershipEntity { PartitionKey = GroupMembershipEntity.AllPartition, RowKey = group.PartitionKey, EndsOn = group.EndsOn },
            TableUpdateMode.Replace, cancellationToken);
        await Parallel.ForEachAsync(members, cancellationToken, async (m, ct) =>
            await _membership.UpsertEntityAsync(new GroupMembershipEntity { PartitionKey = m.Key, RowKey = group.PartitionKey }, TableUpdateMode.Replace, ct));
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, group) };
        actions.AddRange(members.Select(m => new TableTransactionAction(TableTransactionActionType.Add, m)));
        await _groups.SubmitTransactionAsync(actions, cancellationToken);
        return group;
    }

    /// <summary>The group, or null when there is none or an admin has deleted it (its purge may still be queued).</summary>
    public async Task<GroupEntity?> GetAsync(string id, CancellationToken cancellationToken) =>
        await GetIncludingDeletedAsync(id, cancellationToken) is { DeletedAt: null } group ? group : null;

    public async Task<GroupEntity?> GetIncludingDeletedAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsGroupId(id))
        {
            return null;
        }

        var row = await _groups.GetEntityIfExistsAsync<GroupEntity>(id, GroupEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Marks the group deleted (it reads as not found from now on) ahead of its queued purge.</summary>
    public Task MarkDeletedAsync(GroupEntity group, CancellationToken cancellationToken)
    {
        group.DeletedAt = time.GetUtcNow();
        return _groups.UpdateEntityAsync(group, ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Deletes a deleted group entirely: its membership index rows, then every row of its partition.</summary>
    public async Task<int> DeleteGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        foreach (var member in await MembersAsync(groupId, cancellationToken))
        {
            await _membership.DeleteEntityAsync(member.Key, groupId, ETag.All, cancellationToken);
        }

        await _membership.DeleteEntityAsync(GroupMembershipEntity.AllPartition, groupId, ETag.All, cancellationToken);
        return await DeleteRowsAsync(groupId, _ => true, cancellationToken);
    }

    public Task<List<GroupMemberEntity>> MembersAsync(string groupId, CancellationToken cancellationToken) =>
        RangeAsync<GroupMemberEntity>(groupId, GroupMemberEntity.Prefix, cancellationToken);

    public async Task<IReadOnlyList<string>> JoinRequestsAsync(string groupId, CancellationToken cancellationToken) =>
        (await RangeAsync<TableEntity>(groupId, "join|", cancellationToken)).Select(e => e.GetString("Subject")).ToList();

    public Task RequestJoinAsync(string groupId, Caller caller, CancellationToken cancellationToken) =>
        _groups.UpsertEntityAsync(new TableEntity(groupId, "join|" + RecipientKeys.User(caller.Subject)) { ["Subject"] = caller.Subject }, TableUpdateMode.Replace, cancellationToken);

    public async Task AddMemberAsync(string groupId, GroupMemberEntity member, CancellationToken cancellationToken)
    {
        member.PartitionKey = groupId;
        await _membership.UpsertEntityAsync(new GroupMembershipEntity { PartitionKey = member.Key, RowKey = groupId }, TableUpdateMode.Replace, cancellationToken);
        await _groups.UpsertEntityAsync(member, TableUpdateMode.Replace, cancellationToken);
        if (member.Kind == "user")
        {
            await _groups.DeleteEntityAsync(groupId, "join|" + member.Key, cancellationToken: cancellationToken);
        }
    }

    public async Task<bool> RemoveMemberAsync(string groupId, string memberKey, CancellationToken cancellationToken)
    {
        var removed = await _groups.DeleteEntityAsync(groupId, GroupMemberEntity.Prefix + memberKey, cancellationToken: cancellationToken);
        await _membership.DeleteEntityAsync(memberKey, groupId, cancellationToken: cancellationToken);
        return removed.Status != 404;
    }

    /// <summary>The groups listed under these keys (membership rows, or "all" for admins), one page.</summary>
    public async Task<(IReadOnlyList<string> Ids, string? Next)> ListIdsAsync(IReadOnlyList<string> keys, int limit, string? after, CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(keys.Select(async key =>
        {
            var filter = after is null ? TableClient.CreateQueryFilter($"PartitionKey eq {key}") : TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey gt {after}");
            await foreach (var page in _membership.QueryAsync<GroupMembershipEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages())
            {
                return page.Values.Select(v => v.RowKey).ToList();
            }

            return [];
        }));
        var ids = pages.SelectMany(p => p).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(limit).ToList();
        return (ids, pages.Any(p => p.Count >= limit) && ids.Count > 0 ? ids[^1] : null);
    }

    public async Task<List<GroupMembershipEntity>> AllGroupsAsync(CancellationToken cancellationToken)
    {
        var all = new List<GroupMembershipEntity>();
        await foreach (var row in _membership.QueryAsync<GroupMembershipEntity>(e => e.PartitionKey == GroupMembershipEntity.AllPartition, cancellationToken: cancellationToken))
        {
            all.Add(row);
        }

        return all;
    }

    public Task MarkIndexAsync(GroupMembershipEntity row, CancellationToken cancellationToken) =>
        _membership.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Stores a message and its claim in one transaction; a repeated claim returns the stored message
    /// (Replayed), or null when the same client message id was used with another body.</summary>
    public async Task<(GroupMessageEntity Message, bool Replayed)?> SendAsync(string groupId, string senderKey, GroupMessageEntity message, CancellationToken cancellationToken)
    {
        var claimKey = $"c|{senderKey}|{Sha256Hex.Of(message.ClientMessageId ?? message.RowKey)[..32]}";
        if (await GetClaimedAsync(groupId, claimKey, cancellationToken) is { } earlier)
        {
            return earlier.RequestHash == message.RequestHash ? (earlier, true) : null;
        }

        message.PartitionKey = groupId;
        message.RowKey = GroupMessageEntity.Prefix + Cursors.Next(time.GetUtcNow());
        var claim = new TableEntity(groupId, claimKey) { ["Message"] = message.RowKey };
        try
        {
            await _groups.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, claim), new TableTransactionAction(TableTransactionActionType.Add, message)],
                cancellationToken);
            return (message, false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            var winner = await GetClaimedAsync(groupId, claimKey, cancellationToken) ?? throw new InvalidOperationException("A send claim conflicted but cannot be read.");
            return winner.RequestHash == message.RequestHash ? (winner, true) : null;
        }
    }

    private async Task<GroupMessageEntity?> GetClaimedAsync(string groupId, string claimKey, CancellationToken cancellationToken)
    {
        var claim = await _groups.GetEntityIfExistsAsync<TableEntity>(groupId, claimKey, cancellationToken: cancellationToken);
        return claim.HasValue ? await GetMessageAsync(groupId, claim.Value!.GetString("Message")[GroupMessageEntity.Prefix.Length..], cancellationToken) : null;
    }

    public async Task<GroupMessageEntity?> GetMessageAsync(string groupId, string messageId, CancellationToken cancellationToken)
    {
        if (messageId.Length != TimeOrderedKey.Length)
        {
            return null;
        }

        var row = await _groups.GetEntityIfExistsAsync<GroupMessageEntity>(groupId, GroupMessageEntity.Prefix + messageId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<(IReadOnlyList<GroupMessageEntity> Messages, string? Next)> ListMessagesAsync(string groupId, string? after, int limit, CancellationToken cancellationToken)
    {
        var from = GroupMessageEntity.Prefix + (after ?? string.Empty);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {groupId} and RowKey gt {from} and RowKey lt {"m}"}");
        await foreach (var page in _groups.QueryAsync<GroupMessageEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages())
        {
            var messages = page.Values.ToList();
            return (messages, messages.Count >= limit ? messages[^1].MessageId : null);
        }

        return ([], null);
    }

    public async Task<string?> ReadMarkerAsync(string groupId, string subject, CancellationToken cancellationToken)
    {
        var row = await _groups.GetEntityIfExistsAsync<TableEntity>(groupId, "read|" + RecipientKeys.User(subject), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("UpTo") : null;
    }

    public async Task<string> MarkReadAsync(string groupId, string subject, string upTo, CancellationToken cancellationToken)
    {
        var current = await ReadMarkerAsync(groupId, subject, cancellationToken);
        if (current is not null && string.CompareOrdinal(current, upTo) >= 0)
        {
            return current;
        }

        await _groups.UpsertEntityAsync(new TableEntity(groupId, "read|" + RecipientKeys.User(subject)) { ["UpTo"] = upTo }, TableUpdateMode.Replace, cancellationToken);
        return upTo;
    }

    public async Task<TableEntity> AcknowledgeAsync(string groupId, string messageId, Caller caller, CancellationToken cancellationToken)
    {
        var ack = new TableEntity(groupId, $"ack|{messageId}|{RecipientKeys.User(caller.Subject)}")
        {
            ["Subject"] = caller.Subject, ["Office"] = caller.Office, ["AcknowledgedAt"] = time.GetUtcNow(),
        };
        try
        {
            await _groups.AddEntityAsync(ack, cancellationToken);
            return ack;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await _groups.GetEntityAsync<TableEntity>(groupId, ack.RowKey, cancellationToken: cancellationToken)).Value;
        }
    }

    public Task<List<TableEntity>> AcknowledgementsAsync(string groupId, string messageId, CancellationToken cancellationToken) =>
        RangeAsync<TableEntity>(groupId, $"ack|{messageId}|", cancellationToken);

    public async Task<bool> LinkSeizureAsync(string groupId, string seizureId, CancellationToken cancellationToken)
    {
        try
        {
            await _groups.AddEntityAsync(new TableEntity(groupId, "seizure|" + seizureId), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> LinkedSeizuresAsync(string groupId, CancellationToken cancellationToken) =>
        (await RangeAsync<TableEntity>(groupId, "seizure|", cancellationToken)).Select(e => e.RowKey["seizure|".Length..]).ToList();

    public async Task<OperationReport?> FinalReportAsync(string groupId, CancellationToken cancellationToken)
    {
        var row = await _groups.GetEntityIfExistsAsync<TableEntity>(groupId, "report", cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<OperationReport>(row.Value!.GetString("Report"), JsonBody.Options) : null;
    }

    public Task SaveFinalReportAsync(OperationReport report, CancellationToken cancellationToken) =>
        _groups.UpsertEntityAsync(new TableEntity(report.GroupId, "report") { ["Report"] = JsonSerializer.Serialize(report, JsonBody.Options) }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Deletes the group's content (messages, send claims, read markers, acknowledgements, join requests) in
    /// batches of 100, keeping the group row, its members, its seizure links and its final report (the group's
    /// existence, who may read it and its counts outlive its content); returns how many rows went.</summary>
    public Task<int> PurgeContentAsync(string groupId, CancellationToken cancellationToken) =>
        DeleteRowsAsync(groupId, rowKey => rowKey is not (GroupEntity.Row or "report") && !rowKey.StartsWith(GroupMemberEntity.Prefix, StringComparison.Ordinal)
            && !rowKey.StartsWith("seizure|", StringComparison.Ordinal), cancellationToken);

    private async Task<int> DeleteRowsAsync(string groupId, Func<string, bool> delete, CancellationToken cancellationToken)
    {
        var purged = 0;
        var batch = new List<TableTransactionAction>(100);
        await foreach (var row in _groups.QueryAsync<TableEntity>(e => e.PartitionKey == groupId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!delete(row.RowKey))
            {
                continue;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            if (batch.Count == 100)
            {
                await _groups.SubmitTransactionAsync(batch, cancellationToken);
                purged += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _groups.SubmitTransactionAsync(batch, cancellationToken);
            purged += batch.Count;
        }

        return purged;
    }

    private async Task<List<T>> RangeAsync<T>(string groupId, string prefix, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var rows = new List<T>();
        await foreach (var row in _groups.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {groupId} and RowKey ge {prefix} and RowKey lt {end}"),
                           cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

}
