namespace Enforcement.Functions.Links;

/// <summary>A seizure, suspect or company in a link network, with the number of links it is away from the start.</summary>
public sealed record NetworkNode(string Id, string Kind, string Label, int Depth);

/// <summary>A link: the person's role in the seizure.</summary>
public sealed record NetworkEdge(string SeizureId, string TargetId, string Role);

/// <summary><c>Truncated</c> is true when the network is larger than one answer holds (nodes or edges were left out).</summary>
public sealed record LinkNetwork(string Start, int Depth, IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkEdge> Edges, bool Truncated);
