namespace Enforcement.Functions.Links;

internal sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>The most nodes one network answer holds; beyond it the answer says truncated.</summary>
    public int MaxNodes { get; set; } = 200;

    /// <summary>The most edges one network answer holds.</summary>
    public int MaxEdges { get; set; } = 1000;
}
