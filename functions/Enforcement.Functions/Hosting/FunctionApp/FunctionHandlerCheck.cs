namespace Enforcement.Functions.Hosting.FunctionApp;

/// <summary>Refuses to start when a function.json has no handler or a handler has no function.json:
/// the host would otherwise invoke a function the app cannot run, or never trigger one it can.</summary>
internal sealed class FunctionHandlerCheck(
    FunctionManifest manifest,
    IEnumerable<IQueueFunction> queueFunctions,
    IEnumerable<ITimerFunction> timerFunctions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = FindMismatches(manifest, queueFunctions.Select(f => f.Name), timerFunctions.Select(f => f.Name));
        return problems.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException("Functions and handlers disagree: " + string.Join("; ", problems));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static List<string> FindMismatches(FunctionManifest manifest, IEnumerable<string> queueHandlers, IEnumerable<string> timerHandlers)
    {
        var problems = new List<string>();
        Compare(TriggerKind.Queue, queueHandlers.ToList());
        Compare(TriggerKind.Timer, timerHandlers.ToList());
        if (manifest.OfKind(TriggerKind.Http).Count() != 1)
        {
            problems.Add("exactly one HTTP function (the catch-all that forwards to ASP.NET Core routing) is expected");
        }

        return problems;

        void Compare(TriggerKind kind, List<string> handlers)
        {
            var declared = manifest.OfKind(kind).Select(f => f.Name).ToList();
            problems.AddRange(declared.Except(handlers).Select(name => $"{kind} function '{name}' has no handler"));
            problems.AddRange(handlers.Except(declared).Select(name => $"{kind} handler '{name}' has no function.json"));
        }
    }
}
