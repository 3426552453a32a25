using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>The raw-file bodies of the case endpoints (documents, bundles to verify): binary, with their size limits.</summary>
internal static class CaseBinaryBodies
{
    public static void Describe(OpenApiDocument document)
    {
        var limits = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["UploadCaseDocument"] = 25 * 1024 * 1024,
            ["VerifyCaseBundle"] = Cases.Bundles.CaseBundleEndpoints.MaxVerifyBytes,
        };
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            if (operation.OperationId is not { } id || !limits.TryGetValue(id, out var max) || operation.RequestBody?.Content is not { } content)
            {
                continue;
            }

            foreach (var media in content.Values)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)Math.Min(max, int.MaxValue), Description = "The file's bytes." };
            }
        }
    }
}
