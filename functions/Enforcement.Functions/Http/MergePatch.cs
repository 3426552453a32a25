using System.Text.Json.Nodes;

namespace Enforcement.Functions.Http;

/// <summary>JSON Merge Patch (RFC 7396): objects merge recursively, null removes a member, anything else replaces.
/// The patch itself is read by <see cref="JsonBody.ReadObjectAsync"/> like any other body.</summary>
internal static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>Applies a checked patch to a stored record's JSON (written by us, so trusted to be an object).</summary>
    public static JsonObject ApplyTo(string storedJson, JsonObject patch) =>
        ApplyTo(JsonNode.Parse(storedJson) as JsonObject ?? throw new InvalidOperationException("A stored record is not a JSON object."), patch);

    public static JsonObject ApplyTo(JsonObject target, JsonObject patch) => (JsonObject)Apply(target, patch)!;

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject is { } targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }
}
