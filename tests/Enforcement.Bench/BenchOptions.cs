using System.Globalization;

namespace Enforcement.Bench;

/// <summary>The command line: <c>[--count N] [--concurrency C] [--rounds R] [--warmup W] [--warmup-seconds S] [--seed S] [--with-triggers] [--server-timing] [--breakdown]</c>.</summary>
internal sealed record BenchOptions
{
    public int Count { get; init; } = 2000;

    public int Concurrency { get; init; } = 16;

    public int Rounds { get; init; } = 1;

    /// <summary>Operations per phase in one warm-up lap.</summary>
    public int WarmUp { get; init; } = 200;

    /// <summary>Warm-up laps repeat until this much time has passed: both the app (tiered JIT) and Azurite (V8) need
    /// seconds of load, not a count of requests, before the first round's figures match later rounds'.</summary>
    public int WarmUpSeconds { get; init; } = 10;

    public int Seed { get; init; } = 20261123;

    /// <summary>Off by default: the app's queue listener would still be indexing phase A's events while phase B runs,
    /// so the baseline would share Azurite with work the API phase caused.</summary>
    public bool LocalTriggers { get; init; }

    /// <summary>Turns the app's Server-Timing header on, to count and time the storage requests behind each record.
    /// Off by default: the measured app runs as configured in production.</summary>
    public bool ServerTiming { get; init; }

    /// <summary>Adds phase C: the API's five storage requests sent straight from the benchmark, timed one by one.</summary>
    public bool Breakdown { get; init; }

    public const string Usage =
        "dotnet run -c Release --project tests/Enforcement.Bench -- [--count N=2000] [--concurrency C=16] [--rounds R=1] [--warmup W=200] [--warmup-seconds S=10] [--seed S] [--with-triggers] [--server-timing] [--breakdown]";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--count" or "-n" => options with { Count = Number(args, ++i, min: 1) },
                "--concurrency" or "-c" => options with { Concurrency = Number(args, ++i, min: 1) },
                "--rounds" or "-r" => options with { Rounds = Number(args, ++i, min: 1) },
                "--warmup" => options with { WarmUp = Number(args, ++i, min: 0) },
                "--warmup-seconds" => options with { WarmUpSeconds = Number(args, ++i, min: 0) },
                "--seed" => options with { Seed = Number(args, ++i, min: 0) },
                "--with-triggers" => options with { LocalTriggers = true },
                "--server-timing" => options with { ServerTiming = true },
                "--breakdown" => options with { Breakdown = true },
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
