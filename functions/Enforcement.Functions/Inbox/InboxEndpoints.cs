using Azure.Data.Tables;
using Enforcement.Functions.Alerts;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Groups;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Inbox;

/// <summary>
/// The mobile inbox: everything addressed to the caller since a cursor, in delivery order, with an optional long poll.
/// Cost per call: one single-partition range query (page-limited) per recipient key the caller holds (at most about
/// eight), plus one point read per item on the page and three per group on it (<see cref="InboxItemReader"/>): the
/// same with a hundred or a hundred thousand items in history.
/// </summary>
internal static class InboxEndpoints
{
    public static RouteGroupBuilder MapInbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inbox").WithTags("Inbox");
        group.MapGet("/", GetInbox).WithName(nameof(GetInbox)).RequireAuthorization(Policies.Communicate)
            .WithSummary("Alerts, group messages and notices addressed to the caller since a cursor (optional long poll up to 30 s)");
        return group;
    }

    public static async Task<Results<Ok<InboxPage>, ValidationProblem>> GetInbox(
        HttpContext context, TableServiceClient tables, StorageNames names, InboxSignal signal, AlertStore alerts, GroupStore groups,
        RecordReferences references, Auditor auditor, IOptions<InboxOptions> options, TimeProvider time,
        [FromQuery] string? after, [FromQuery] string? wait, [FromQuery] string? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (after is not null && (after.Length != TimeOrderedKey.Length || !after.All(c => TimeOrderedKey.Alphabet.Contains(c))))
        {
            errors["after"] = ["Must be a cursor this API returned."];
        }

        var waitSeconds = 0;
        if (wait is not null && (!int.TryParse(wait, out waitSeconds) || waitSeconds is < 0 or > InboxOptions.MaxWaitSeconds))
        {
            errors["wait"] = [$"Must be a whole number of seconds from 0 to {InboxOptions.MaxWaitSeconds}."];
        }

        var pageSize = InboxOptions.DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, out pageSize) || pageSize is < 1 or > InboxOptions.MaxPageSize))
        {
            errors["limit"] = [$"Must be a whole number from 1 to {InboxOptions.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var keys = RecipientKeys.Of(caller);
        var inbox = tables.GetTableClient(names.Table(StorageNames.Tables.Inbox));
        var waitFor = TimeSpan.FromSeconds(waitSeconds);
        var started = time.GetTimestamp();
        var rows = await ReadAsync(inbox, keys, after, pageSize, cancellationToken);
        while (rows.Count == 0 && time.GetElapsedTime(started) < waitFor)
        {
            var remaining = waitFor - time.GetElapsedTime(started);
            await signal.WaitAsync(keys, remaining < options.Value.RecheckInterval ? remaining : options.Value.RecheckInterval, cancellationToken);
            rows = await ReadAsync(inbox, keys, after, pageSize, cancellationToken);
        }

        var items = await InboxItemReader.ReadAsync(rows, caller, keys, alerts, groups, references, cancellationToken);
        var read = items.Where(i => i.Kind != InboxKinds.Notice).Select(i => i.Alert?.Id ?? $"{i.Message!.GroupId}/{i.Message.Id}").ToList();
        if (read.Count > 0)
        {
            await auditor.RecordAsync(context, "inbox.read", read, AuditOutcomes.Read);
        }

        return TypedResults.Ok(new InboxPage(items, rows.Count > 0 ? rows[^1].RowKey : after));
    }

    /// <summary>The first <paramref name="limit"/> rows after the cursor across the caller's partitions: each partition
    /// returns its first page in key order, and the merge keeps the smallest keys, so nothing is skipped.</summary>
    private static async Task<List<InboxEntryEntity>> ReadAsync(TableClient inbox, IReadOnlyList<string> keys, string? after, int limit, CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(keys.Select(async key =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey gt {after ?? string.Empty} and RowKey lt {"~"}");
            await foreach (var page in inbox.QueryAsync<InboxEntryEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages())
            {
                return page.Values.ToList();
            }

            return [];
        }));
        return pages.SelectMany(p => p).OrderBy(r => r.RowKey, StringComparer.Ordinal).Take(limit).ToList();
    }
}
