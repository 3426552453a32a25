using Enforcement.Functions.Hosting.Standalone;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Infrastructure;

/// <summary>How a test plays the Functions host for a queue or timer function: one invocation through the same path
/// the standalone trigger runner takes (new scope, trigger and metadata bound by name), with the outcome the host would
/// see: success, or the exception that fails the invocation (and makes the host retry, then poison, the message).</summary>
public static class FunctionInvocations
{
    public static Task<InvocationOutcome> InvokeQueueFunctionAsync(this EnforcementApp app, string function, string message, long dequeueCount = 1) =>
        Outcome(() => app.Services.GetRequiredService<TriggeredFunctions>()
            .InvokeQueueAsync(function, message, dequeueCount, Guid.NewGuid().ToString(), CancellationToken.None));

    public static Task<InvocationOutcome> InvokeTimerFunctionAsync(this EnforcementApp app, string function) =>
        Outcome(() => app.Services.GetRequiredService<TriggeredFunctions>()
            .InvokeTimerAsync(function, new TimerInfo { IsPastDue = false }, CancellationToken.None));

    private static async Task<InvocationOutcome> Outcome(Func<Task> invoke)
    {
        try
        {
            await invoke();
            return new InvocationOutcome(null);
        }
        catch (Exception ex)
        {
            return new InvocationOutcome(ex);
        }
    }
}

public sealed record InvocationOutcome(Exception? Error)
{
    public bool Succeeded => Error is null;

    public override string ToString() => Succeeded ? "succeeded" : $"failed: {Error}";
}
