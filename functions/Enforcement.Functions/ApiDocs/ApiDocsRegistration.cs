using Enforcement.Functions.Hosting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Enforcement.Functions.ApiDocs;

/// <summary>The OpenAPI document (generated from the endpoints, enriched by the transformers here) and the Scalar page.</summary>
internal static class ApiDocsRegistration
{
    public const string DocumentRoute = "/api/openapi/{documentName}.json";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddValidatedOptions<ApiDocsOptions>(ApiDocsOptions.Section);
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddSchemaTransformer<ContractSchemaTransformer>();
            options.AddOperationTransformer<OperationSecurityTransformer>();
            options.AddOperationTransformer<OperationResponsesTransformer>();
            options.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        return services;
    }

    /// <summary>Scalar lists both schemes and lets a reader paste a bearer token or an API key.</summary>
    public static void ConfigureScalar(ScalarOptions options) => options
        .WithOpenApiRoutePattern(DocumentRoute)
        .AddPreferredSecuritySchemes(OperationSecurityTransformer.Bearer, OperationSecurityTransformer.ApiKey)
        .AddHttpAuthentication(OperationSecurityTransformer.Bearer, auth => auth.Token = string.Empty)
        .AddApiKeyAuthentication(OperationSecurityTransformer.ApiKey, auth => auth.Value = "ApiKey ");
}
