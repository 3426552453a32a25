using System.Linq.Expressions;
using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Seizures;

/// <summary>One row of a filter partition (see <see cref="SeizureFilterIndex"/>), with typed flags per category so
/// that a second filter is an OData equality the query builder can express.</summary>
internal sealed class SeizureFilterRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Office { get; set; } = string.Empty;

    public string Port { get; set; } = string.Empty;

    public int Version { get; set; }

    public bool Drugs { get; set; }

    public bool Precursors { get; set; }

    public bool Tobacco { get; set; }

    public bool Alcohol { get; set; }

    public bool Weapons { get; set; }

    public bool Ammunition { get; set; }

    public bool Explosives { get; set; }

    public bool Currency { get; set; }

    public bool WildlifeCites { get; set; }

    public bool CounterfeitIpr { get; set; }

    public bool StrategicDualUse { get; set; }

    public bool CulturalProperty { get; set; }

    public bool Other { get; set; }

    public SeizureFilterRow For(string partition)
    {
        var copy = (SeizureFilterRow)MemberwiseClone();
        copy.PartitionKey = partition;
        return copy;
    }
}

internal static class CategoryFlags
{
    private static readonly Dictionary<string, string> PropertyOf = new(StringComparer.Ordinal)
    {
        ["drugs"] = nameof(SeizureFilterRow.Drugs),
        ["precursors"] = nameof(SeizureFilterRow.Precursors),
        ["tobacco"] = nameof(SeizureFilterRow.Tobacco),
        ["alcohol"] = nameof(SeizureFilterRow.Alcohol),
        ["weapons"] = nameof(SeizureFilterRow.Weapons),
        ["ammunition"] = nameof(SeizureFilterRow.Ammunition),
        ["explosives"] = nameof(SeizureFilterRow.Explosives),
        ["currency"] = nameof(SeizureFilterRow.Currency),
        ["wildlife-cites"] = nameof(SeizureFilterRow.WildlifeCites),
        ["counterfeit-ipr"] = nameof(SeizureFilterRow.CounterfeitIpr),
        ["strategic-dual-use"] = nameof(SeizureFilterRow.StrategicDualUse),
        ["cultural-property"] = nameof(SeizureFilterRow.CulturalProperty),
        ["other"] = nameof(SeizureFilterRow.Other),
    };

    public static IEnumerable<string> Categories => PropertyOf.Keys;

    public static void Set(SeizureFilterRow row, string category) =>
        typeof(SeizureFilterRow).GetProperty(PropertyOf[category])!.SetValue(row, true);

    /// <summary>row => row.{Flag} == true, for TableClient.CreateQueryFilter.</summary>
    public static Expression<Func<SeizureFilterRow, bool>> Filter(string category)
    {
        var row = Expression.Parameter(typeof(SeizureFilterRow), "row");
        var flag = Expression.Property(row, PropertyOf[category]);
        return Expression.Lambda<Func<SeizureFilterRow, bool>>(Expression.Equal(flag, Expression.Constant(true)), row);
    }
}
