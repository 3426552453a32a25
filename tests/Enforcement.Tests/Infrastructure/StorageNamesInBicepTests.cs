using System.Text.RegularExpressions;
using Enforcement.Functions.Storage;

namespace Enforcement.Tests.Infrastructure;

/// <summary>One name, one place: the storage account the Bicep declares holds exactly the tables, queues (each with
/// its poison twin) and containers the app uses, so nothing in Azure depends on the app creating it at start-up.</summary>
public sealed class StorageNamesInBicepTests
{
    private static readonly string Bicep = File.ReadAllText(Path.Combine(Repository.Root, "infra", "modules", "storage.bicep"));

    /// <summary>The Flex Consumption deployment package's container: the platform's, not the app's.</summary>
    private const string DeploymentContainer = "app-package";

    [Fact]
    public void TheTablesAreTheAppsTables() =>
        Assert.Equal(StorageNames.Tables.All.Order(StringComparer.Ordinal), ListVariable("tableNames").Order(StringComparer.Ordinal));

    [Fact]
    public void TheQueuesAreTheAppsQueuesWithTheirPoisonTwins() =>
        Assert.Equal(StorageNames.Queues.All.SelectMany(q => new[] { q, q + "-poison" }).Order(StringComparer.Ordinal),
            ListVariable("queueNames").Order(StringComparer.Ordinal));

    [Fact]
    public void TheContainersAreTheAppsContainersAndTheDeploymentPackages()
    {
        var declared = ListVariable("mutableContainerNames")
            .Append(StringVariable("photosOriginalContainerName"))
            .Append(StringVariable("auditAnchorsContainerName"));

        Assert.Equal(StorageNames.Containers.All.Append(DeploymentContainer).Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    /// <summary>A <c>var name = [ ... ]</c> list of literals and of other variables' names.</summary>
    private static IEnumerable<string> ListVariable(string name)
    {
        var match = Regex.Match(Bicep, $@"^var {name} = \[\s*\n(.*?)^\]", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"storage.bicep declares no list '{name}'.");
        return match.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(item => !item.StartsWith("//", StringComparison.Ordinal))
            .Select(item => item.StartsWith('\'') ? item.Trim('\'') : StringVariable(item));
    }

    private static string StringVariable(string name)
    {
        var match = Regex.Match(Bicep, $@"^var {name} = '([^']*)'", RegexOptions.Multiline);
        Assert.True(match.Success, $"storage.bicep declares no string '{name}'.");
        return match.Groups[1].Value;
    }
}
