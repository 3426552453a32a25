using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Hosting.Standalone;

/// <summary>
/// The app's queue and timer functions, found by the same [Function]/[QueueTrigger]/[TimerTrigger] attributes from
/// which the Worker SDK generates functions.metadata for the host, and invoked the way the worker invokes them: a new
/// instance per invocation from a new service scope, the trigger value bound to the trigger parameter, other
/// parameters bound by name from the trigger's metadata (e.g. dequeueCount), the cancellation token passed on.
/// </summary>
internal sealed partial class TriggeredFunctions(IServiceProvider services, IConfiguration configuration)
{
    public static readonly IReadOnlyList<TriggeredFunction> All = Discover(typeof(TriggeredFunctions).Assembly);

    public static TriggeredFunction Get(string name) =>
        All.SingleOrDefault(f => f.Name == name) ?? throw new ArgumentException($"There is no queue or timer function '{name}'.", nameof(name));

    /// <summary>The Functions %AppSetting% syntax, resolved against configuration; a missing setting is an error, as under the host.</summary>
    public string Resolve(string value) =>
        AppSetting().Replace(value, m => configuration[m.Groups[1].Value]
            ?? throw new InvalidOperationException($"App setting '{m.Groups[1].Value}' named by '{value}' is missing."));

    public Task InvokeQueueAsync(string name, string messageText, long dequeueCount, string? messageId, CancellationToken cancellationToken) =>
        InvokeAsync(Get(name), messageText, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DequeueCount"] = dequeueCount,
            ["Id"] = messageId,
        }, cancellationToken);

    public Task InvokeTimerAsync(string name, TimerInfo timer, CancellationToken cancellationToken) =>
        InvokeAsync(Get(name), timer, new Dictionary<string, object?>(), cancellationToken);

    private async Task InvokeAsync(TriggeredFunction function, object triggerValue, Dictionary<string, object?> metadata, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(p => Bind(p)).ToArray();
        try
        {
            if (function.Method.Invoke(instance, arguments) is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }

        object? Bind(ParameterInfo parameter)
        {
            if (parameter == function.TriggerParameter)
            {
                return triggerValue;
            }

            if (parameter.ParameterType == typeof(CancellationToken))
            {
                return cancellationToken;
            }

            if (metadata.TryGetValue(parameter.Name!, out var value))
            {
                return value is null ? null : Convert.ChangeType(value, Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType, CultureInfo.InvariantCulture);
            }

            return scope.ServiceProvider.GetRequiredService(parameter.ParameterType);
        }
    }

    private static List<TriggeredFunction> Discover(Assembly assembly) =>
        (from type in assembly.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         where function is not null
         from parameter in method.GetParameters()
         let trigger = parameter.GetCustomAttributes().FirstOrDefault(a => a is QueueTriggerAttribute or TimerTriggerAttribute)
         where trigger is not null
         orderby function.Name
         select new TriggeredFunction(function.Name, method, parameter, trigger as QueueTriggerAttribute, trigger as TimerTriggerAttribute)).ToList();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex AppSetting();
}

/// <summary>One queue- or timer-triggered function as declared by its attributes.</summary>
internal sealed record TriggeredFunction(string Name, MethodInfo Method, ParameterInfo TriggerParameter, QueueTriggerAttribute? Queue, TimerTriggerAttribute? Timer);
