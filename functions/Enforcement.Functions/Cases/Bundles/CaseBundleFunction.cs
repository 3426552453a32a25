using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Cases.Bundles;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CaseBundleRequest))]
internal sealed partial class CaseBundleJsonContext : JsonSerializerContext;

/// <summary>Queue "case-bundles": builds the court bundle a message names (idempotent: a ready bundle is left as it is).</summary>
internal sealed class CaseBundleFunction(CaseBundleBuilder builder, ILogger<CaseBundleFunction> logger)
{
    [Function("CaseBundle")]
    public async Task RunAsync([QueueTrigger("%CaseBundlesQueue%")] string message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(message, CaseBundleJsonContext.Default.CaseBundleRequest)
                      ?? throw new InvalidOperationException("The message is not a bundle request.");
        await builder.BuildAsync(request, cancellationToken);
        logger.LogInformation("Built court bundle {BundleId} of case {CaseId}", request.BundleId, request.CaseId);
    }
}
