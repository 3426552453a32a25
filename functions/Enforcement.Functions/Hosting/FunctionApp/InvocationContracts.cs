using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enforcement.Functions.Hosting.FunctionApp;

/// <summary>What the Functions host posts to /{FunctionName} for a non-HTTP trigger.</summary>
internal sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata);

/// <summary>What the host expects back; any non-2xx status fails the invocation.</summary>
internal sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, JsonElement> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] JsonElement? ReturnValue)
{
    public static InvocationResponse Succeeded() => new([], [], null);

    public static InvocationResponse Failed(string log) => new([], [log], null);
}

[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class InvocationJsonContext : JsonSerializerContext;
