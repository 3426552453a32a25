using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Enforcement.Functions.Hosting.FunctionApp;

/// <summary>
/// The custom-handler invocation protocol: the Functions host posts queue and timer invocations to /{FunctionName}.
/// Only the host calls these, always over loopback; any other caller gets 404 as if they did not exist.
/// </summary>
internal static class InvocationEndpoints
{
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        var manifest = app.ServiceProvider.GetRequiredService<FunctionManifest>();
        foreach (var function in manifest.Functions.Where(f => f.Kind != TriggerKind.Http))
        {
            app.MapPost("/" + function.Name, (HttpContext context, CancellationToken cancellationToken) =>
                    InvokeAsync(function, context, cancellationToken))
                .WithName("Invoke" + function.Name)
                .WithMetadata(new FunctionInvocationEndpoint(function.Name))
                .RequireAuthorization(Security.Policies.FunctionsHost)
                .ExcludeFromDescription();
        }

        return app;
    }

    private static async Task<IResult> InvokeAsync(FunctionDefinition function, HttpContext context, CancellationToken cancellationToken)
    {
        if (!IsLoopback(context.Connection.RemoteIpAddress))
        {
            return TypedResults.NotFound();
        }

        InvocationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, InvocationJsonContext.Default.InvocationRequest, cancellationToken);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?.Data is null || !request.Data.TryGetValue(function.BindingName, out var value))
        {
            return TypedResults.Json(InvocationResponse.Failed($"The invocation carries no Data.{function.BindingName}."),
                InvocationJsonContext.Default.InvocationResponse, statusCode: StatusCodes.Status400BadRequest);
        }

        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InvocationEndpoints));
        try
        {
            if (function.Kind == TriggerKind.Queue)
            {
                var queueFunction = services.GetServices<IQueueFunction>().Single(f => f.Name == function.Name);
                await queueFunction.RunAsync(ReadQueueTrigger(value, request.Metadata), cancellationToken);
            }
            else
            {
                var timerFunction = services.GetServices<ITimerFunction>().Single(f => f.Name == function.Name);
                await timerFunction.RunAsync(ReadTimerTrigger(value), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A non-2xx reply is what makes the host retry the message and finally poison it.
            logger.LogError(ex, "Function {Function} failed", function.Name);
            return TypedResults.Json(InvocationResponse.Failed($"{function.Name} failed: {ex.GetType().Name}"),
                InvocationJsonContext.Default.InvocationResponse, statusCode: StatusCodes.Status500InternalServerError);
        }

        return TypedResults.Json(InvocationResponse.Succeeded(), InvocationJsonContext.Default.InvocationResponse);
    }

    internal static QueueTrigger ReadQueueTrigger(JsonElement value, Dictionary<string, JsonElement>? metadata)
    {
        var dequeueCount = 1L;
        string? id = null;
        if (metadata is not null)
        {
            if (metadata.TryGetValue("DequeueCount", out var count))
            {
                dequeueCount = count.ValueKind == JsonValueKind.Number ? count.GetInt64()
                    : long.TryParse(count.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
            }

            if (metadata.TryGetValue("Id", out var idValue) && idValue.ValueKind == JsonValueKind.String)
            {
                id = idValue.GetString();
            }
        }

        return new QueueTrigger(ReadMessageText(value), dequeueCount, id);
    }

    /// <summary>The host may hand over the message as JSON it parsed, as a string, or as a string that was
    /// JSON-encoded a second time; all three carry the same message text.</summary>
    internal static string ReadMessageText(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.GetRawText();
        }

        var text = value.GetString() ?? string.Empty;
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize(text, InvocationJsonContext.Default.String) ?? text;
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }

    private static TimerTrigger ReadTimerTrigger(JsonElement value)
    {
        var isPastDue = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("IsPastDue", out var pastDue) && pastDue.ValueKind == JsonValueKind.True;
        DateTimeOffset? next = null;
        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("ScheduleStatus", out var status) && status.ValueKind == JsonValueKind.Object
            && status.TryGetProperty("Next", out var nextValue) && nextValue.TryGetDateTimeOffset(out var parsed))
        {
            next = parsed;
        }

        return new TimerTrigger(isPastDue, next);
    }

    internal static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}

/// <summary>Marks the host-only invocation endpoints, so that the security tests know them.</summary>
internal sealed record FunctionInvocationEndpoint(string FunctionName);
