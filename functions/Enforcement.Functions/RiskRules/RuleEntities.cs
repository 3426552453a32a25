using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.RiskRules;

/// <summary>
/// Table "riskrules": PartitionKey "rules", RowKey = rule id ("RR-…"): every rule, one partition (tens of rules);
/// PartitionKey "trail|{rule id}", RowKey = version (D6): every version as it was; PartitionKey "stats|{rule id}",
/// RowKey = month: the rule's counters (<see cref="RuleStatsEntity"/>).
/// </summary>
internal sealed class RuleEntity : ITableEntity
{
    public const string RulesPartition = "rules";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Facts { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public int Version { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class RuleStatsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Screened { get; set; }

    public int Hits { get; set; }

    public int Examined { get; set; }

    public int Seizures { get; set; }

    public int Discrepancies { get; set; }
}
