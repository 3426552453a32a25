namespace Enforcement.Functions.ApiKeys;

internal static class ApiKeysRegistration
{
    /// <summary>The API key store behind the ApiKey authentication scheme and the admin endpoints.</summary>
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyStore>();
        return builder;
    }
}
