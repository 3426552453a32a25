using Enforcement.Functions.Hosting;
namespace Enforcement.Functions.Links;

internal sealed class NetworkOptions : IValidatedOptions
{
    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (MaxNodes is < 2 or > 1000 || MaxEdges is < 1 or > 5000)
        {
            yield return "Network:MaxNodes must be 2 to 1000 and Network:MaxEdges 1 to 5000.";
        }
    }

    public const string Section = "Network";

    /// <summary>The most nodes one network answer holds; beyond it the answer says truncated.</summary>
    public int MaxNodes { get; set; } = 200;

    /// <summary>The most edges one network answer holds.</summary>
    public int MaxEdges { get; set; } = 1000;
}
