using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.RiskRules;

/// <summary>Risk rules (one partition), their version trail, and their monthly counters (updated with ETags).</summary>
internal sealed class RuleStore(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    private readonly TableClient _rules = tables.GetTableClient(names.Table(StorageNames.Tables.RiskRules));

    /// <summary>Every rule is evaluated for every screened subject and listed in one response: a bounded set.</summary>
    public const int MaxRules = 500;

    public static bool IsId(string? id) => TimeOrderedKey.IsPrefixed(id, "RR-");

    public static RuleFacts Facts(RuleEntity entity) => JsonSerializer.Deserialize<RuleFacts>(entity.Facts, JsonBody.Options)!;

    public static Rule ToRule(RuleEntity e)
    {
        var facts = Facts(e);
        return new Rule
        {
            Id = e.RowKey, Version = e.Version, Name = facts.Name!, Description = facts.Description, Condition = facts.Condition!,
            Weight = facts.Weight!.Value, Status = facts.Status!, ValidFrom = facts.ValidFrom, ValidTo = facts.ValidTo,
            UpdatedBy = e.UpdatedBy, UpdatedAt = e.UpdatedAt,
        };
    }

    public async Task<RuleEntity> SaveAsync(string? id, RuleFacts facts, string actor, RuleEntity? current, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entity = new RuleEntity
        {
            PartitionKey = RuleEntity.RulesPartition,
            RowKey = id ?? "RR-" + TimeOrderedKey.New(now),
            Facts = JsonSerializer.Serialize(facts, JsonBody.Options),
            Status = facts.Status!,
            Version = (current?.Version ?? 0) + 1,
            UpdatedBy = actor,
            UpdatedAt = now,
        };
        if (current is null)
        {
            await _rules.AddEntityAsync(entity, cancellationToken);
        }
        else
        {
            await _rules.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        await _rules.UpsertEntityAsync(new RuleEntity
        {
            PartitionKey = "trail|" + entity.RowKey, RowKey = entity.Version.ToString("D6", CultureInfo.InvariantCulture),
            Facts = entity.Facts, Status = entity.Status, Version = entity.Version, UpdatedBy = actor, UpdatedAt = now,
        }, TableUpdateMode.Replace, cancellationToken);
        return entity;
    }

    public async Task<RuleEntity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var row = await _rules.GetEntityIfExistsAsync<RuleEntity>(RuleEntity.RulesPartition, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<List<RuleEntity>> AllAsync(CancellationToken cancellationToken)
    {
        var rules = new List<RuleEntity>();
        await foreach (var rule in _rules.QueryAsync<RuleEntity>(r => r.PartitionKey == RuleEntity.RulesPartition, cancellationToken: cancellationToken))
        {
            rules.Add(rule);
        }

        return rules;
    }

    /// <summary>Adds to a rule's counters for a month; concurrent screenings retry on the ETag.</summary>
    public async Task CountAsync(string ruleId, string month, int screened, int hits, int examined, int seizures, int discrepancies, CancellationToken cancellationToken)
    {
        var partition = "stats|" + ruleId;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var row = await _rules.GetEntityIfExistsAsync<RuleStatsEntity>(partition, month, cancellationToken: cancellationToken);
            var stats = row.HasValue ? row.Value! : new RuleStatsEntity { PartitionKey = partition, RowKey = month };
            stats.Screened += screened;
            stats.Hits += hits;
            stats.Examined += examined;
            stats.Seizures += seizures;
            stats.Discrepancies += discrepancies;
            try
            {
                if (row.HasValue)
                {
                    await _rules.UpdateEntityAsync(stats, stats.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _rules.AddEntityAsync(stats, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
            {
                // Another screening counted first: read its total and add again.
            }
        }

        throw new InvalidOperationException($"The counters of rule {ruleId} stayed contended.");
    }

    public async Task<List<RuleStatsEntity>> StatsAsync(string ruleId, CancellationToken cancellationToken)
    {
        var partition = "stats|" + ruleId;
        var stats = new List<RuleStatsEntity>();
        await foreach (var row in _rules.QueryAsync<RuleStatsEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            stats.Add(row);
        }

        return stats;
    }
}
