using System.Globalization;

namespace Enforcement.WebhookBench;

/// <summary>The command line: <c>[--deliveries N] [--subscriptions S] [--concurrency C] [--warmup W]</c>.</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        "dotnet run -c Release --project tests/Enforcement.WebhookBench -- [--deliveries N=2000] [--subscriptions S=4] [--concurrency C=16] [--warmup W=200]";

    /// <summary>Deliveries per measured phase (rounded down to a multiple of the subscriptions).</summary>
    public int Deliveries { get; init; } = 2000;

    /// <summary>Subscriptions to the benchmark's event type: each event fans out to this many deliveries.</summary>
    public int Subscriptions { get; init; } = 4;

    /// <summary>Requests in flight in the raw baseline (the app's own concurrency comes from host.json's batchSize).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Deliveries of a warm-up lap of each phase before measuring (JIT, Azurite, connection pools).</summary>
    public int WarmUp { get; init; } = 200;

    public int Events => Math.Max(1, Deliveries / Subscriptions);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--deliveries" or "-n" => options with { Deliveries = Number(args, ++i, 1) },
                "--subscriptions" or "-s" => options with { Subscriptions = Number(args, ++i, 1) },
                "--concurrency" or "-c" => options with { Concurrency = Number(args, ++i, 1) },
                "--warmup" => options with { WarmUp = Number(args, ++i, 0) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: {Usage}"),
            };
        }

        return options;
    }

    private static int Number(IReadOnlyList<string> args, int index, int min)
    {
        if (index >= args.Count || !int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"'{args[index - 1]}' needs a whole number of at least {min}. Usage: {Usage}");
        }

        return value;
    }
}
