using System.Globalization;
using Enforcement.Functions.Companies;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Suspects;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Links;

/// <summary>
/// The link network around a seizure, suspect or company, for link analysis: a breadth-first walk over the links
/// table, level by level, at most <see cref="NetworkOptions.MaxNodes"/> nodes and <see cref="NetworkOptions.MaxEdges"/>
/// edges (one page per node's partition), so the work is bounded whatever the data. Officers and supervisors walk
/// only through seizures of their office; every node is read (for its label) and confirmed before it is expanded.
/// </summary>
internal sealed class NetworkQuery(LinkStore links, PersonStore persons, PersonAccess access, IOptions<NetworkOptions> options)
{
    private const int Parallelism = 16;

    public async Task<LinkNetwork?> WalkAsync(Caller caller, string start, int depth, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var origin = await ReadNodeAsync(caller, start, 0, cancellationToken);
        if (origin is null)
        {
            return null;
        }

        var nodes = new List<NetworkNode> { origin };
        var known = new HashSet<string>(StringComparer.Ordinal) { start };
        var edges = new List<NetworkEdge>();
        var edgeKeys = new HashSet<(string, string)>();
        var truncated = false;
        var frontier = new List<NetworkNode> { origin };
        for (var level = 1; level <= depth && frontier.Count > 0; level++)
        {
            var neighbours = new List<LinkEntity>[frontier.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, frontier.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, ct) => neighbours[i] = await NeighboursAsync(caller, frontier[i], settings.MaxEdges, ct));

            var discovered = new List<string>();
            var pendingEdges = new List<NetworkEdge>();
            foreach (var (node, link) in frontier.Zip(neighbours).SelectMany(p => p.Second.Select(l => (p.First, l))))
            {
                var other = node.Kind == "seizure" ? link.PersonId : link.SeizureId;
                if (!known.Contains(other) && !discovered.Contains(other))
                {
                    if (nodes.Count + discovered.Count >= settings.MaxNodes)
                    {
                        truncated = true;
                        continue;
                    }

                    discovered.Add(other);
                }

                if (edgeKeys.Contains((link.SeizureId, link.PersonId)))
                {
                    continue;
                }

                if (edges.Count + pendingEdges.Count >= settings.MaxEdges)
                {
                    truncated = true;
                    break;
                }

                edgeKeys.Add((link.SeizureId, link.PersonId));
                pendingEdges.Add(new NetworkEdge(link.SeizureId, link.PersonId, link.Role));
            }

            var read = new NetworkNode?[discovered.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, discovered.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, ct) => read[i] = await ReadNodeAsync(caller, discovered[i], level, ct));

            // A node the caller may not see (or that no longer exists) is left out with its edges, and not walked from.
            var confirmed = read.OfType<NetworkNode>().ToList();
            known.UnionWith(discovered);
            var present = confirmed.Select(n => n.Id).Concat(nodes.Select(n => n.Id)).ToHashSet(StringComparer.Ordinal);
            nodes.AddRange(confirmed);
            edges.AddRange(pendingEdges.Where(e => present.Contains(e.SeizureId) && present.Contains(e.TargetId)));
            frontier = confirmed;
        }

        return new LinkNetwork(start, depth, nodes, edges, truncated);
    }

    private async Task<List<LinkEntity>> NeighboursAsync(Caller caller, NetworkNode node, int maxRows, CancellationToken cancellationToken)
    {
        if (node.Kind == "seizure")
        {
            return (await links.ForSeizureAsync(node.Id, includeRemoved: false, cancellationToken)).ToList();
        }

        var office = PersonAccess.ReadsEveryone(caller) ? null : caller.Office;
        var (rows, _) = await links.ForPersonAsync(node.Id, office, Math.Min(maxRows, LinkStore.MaxRowsPerRead), null, cancellationToken);
        return rows.ToList();
    }

    private async Task<NetworkNode?> ReadNodeAsync(Caller caller, string id, int depth, CancellationToken cancellationToken)
    {
        if (SeizureId.TryParse(id, out _))
        {
            return await access.SeizureInScopeAsync(caller, id, cancellationToken) is { } seizure
                ? new NetworkNode(id, "seizure", SeizureLabel(seizure.Seizure), depth)
                : null;
        }

        if (!PersonId.TryParse(id, out var personId) || await persons.GetAsync(personId.Value, cancellationToken) is not { } person)
        {
            return null;
        }

        // Past the start, a person is reached through a seizure the caller may see, which is what access asks.
        if (depth == 0 && !await access.CanReadAsync(caller, person, cancellationToken))
        {
            return null;
        }

        var kind = personId.Value.Kind;
        var label = kind == PersonKind.Suspect
            ? SuspectNames.Display(SuspectIndexing.Read(person.Facts))
            : CompanyIndexing.Read(person.Facts).LegalName ?? string.Empty;
        return new NetworkNode(id, kind.Name, label, depth);
    }

    /// <summary>"PKKHI-APFT 2026-11-20 drugs": non-nominal, what an analyst scans a graph by.</summary>
    private static string SeizureLabel(Seizure seizure) => string.Create(CultureInfo.InvariantCulture,
        $"{seizure.Office} {seizure.SeizedAt[..Math.Min(10, seizure.SeizedAt.Length)]} {string.Join(',', seizure.Items.Select(i => i.Category).Distinct())}");
}
