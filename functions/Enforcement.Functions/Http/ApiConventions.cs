using Enforcement.Functions.ApiDocs;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;

namespace Enforcement.Functions.Http;

/// <summary>Problem details for every error, camelCase JSON, OpenAPI at /api/openapi/v1.json and docs at /api/docs.</summary>
internal static class ApiConventions
{
    public static IHostApplicationBuilder AddApiConventions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddApiDocs();
        builder.Services.AddRequestLimits();
        return builder;
    }

    public static IApplicationBuilder UseApiConventions(this IApplicationBuilder app)
    {
        // Unhandled exceptions become a 500 problem without details; request-shape errors the framework raises
        // (e.g. a body over the size limit) keep their own status.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                Audit.AuditUnavailableException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseRequestLimits();
        return app;
    }

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(ApiDocsRegistration.DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference("/api/docs", ApiDocsRegistration.ConfigureScalar).AllowAnonymous();
        return app;
    }
}
