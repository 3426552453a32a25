using System.Diagnostics;
using System.Globalization;
using Enforcement.Functions.Hosting;
using Enforcement.Functions.Photos;

namespace Enforcement.PhotoBench;

/// <summary>
/// Photos processed per second for camera-sized JPEGs: (1) the stages one by one, timed (metadata, decode, resize,
/// encode, storage), (2) the real PhotoProcessing function end to end (record read and update, event) at the chosen
/// concurrency. Everything runs against a private in-memory Azurite on free loopback ports.
/// </summary>
internal static class PhotoBenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = PhotoBenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: --count N (24) --concurrency N (2) --width PX (4000) --height PX (3000) --distinct N (4)");
            return 2;
        }

        Console.WriteLine($"Photo processing benchmark: {options.Count} photos of {options.Width}x{options.Height} ({options.Width * options.Height / 1e6:F1} MP), concurrency {options.Concurrency}, {Environment.ProcessorCount} cores");
        Console.Write("Generating camera-like JPEGs... ");
        var started = Stopwatch.GetTimestamp();
        var images = Enumerable.Range(0, options.Distinct).AsParallel().Select(i => CameraJpeg.Make(options.Width, options.Height, i)).ToArray();
        Console.WriteLine($"{images.Length} distinct, {images.Average(i => i.Length) / 1e6:F1} MB each on average ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");

        await using var storage = await BenchStorage.StartAsync();
        var photoOptions = new PhotoOptions();
        var hostJson = HostJson.Load(AppContext.BaseDirectory);

        Console.Write("Intake (byte checks and storing the originals)... ");
        var intake = await storage.IntakeAsync(images, options.Count * 2, photoOptions);
        Console.WriteLine($"{intake.Inspect.TotalMilliseconds / intake.Photos.Count:F0} ms check + {intake.Store.TotalMilliseconds / intake.Photos.Count:F0} ms store per photo");

        // Warm-up (JIT, tiered compilation, Skia's first use) so that it is not counted in the first photos.
        for (var i = 0; i < 2; i++)
        {
            PhotoRendering.Render(images[0], PhotoFormat.Jpeg, photoOptions);
        }

        Console.WriteLine();
        Console.WriteLine("1. Stages, one photo at a time per worker:");
        var stages = await StageRun.RunAsync(storage, intake.Photos.Take(options.Count).ToList(), photoOptions, options.Concurrency);
        stages.Print();

        Console.WriteLine();
        Console.WriteLine("2. The PhotoProcessing function end to end (record, blobs, event):");
        var endToEnd = await storage.RunFunctionAsync(hostJson, photoOptions, intake.Photos.Skip(options.Count).Take(options.Count).ToList(), options.Concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {endToEnd.Count} photos in {endToEnd.Elapsed.TotalSeconds:F2} s = {endToEnd.Count / endToEnd.Elapsed.TotalSeconds:F2} photos/s; per photo p50 {endToEnd.P50:F0} ms, p95 {endToEnd.P95:F0} ms; peak working set {Environment.WorkingSet / 1e6:F0} MB"));
        return 0;
    }
}

internal sealed record PhotoBenchOptions(int Count, int Concurrency, int Width, int Height, int Distinct)
{
    public static PhotoBenchOptions? Parse(string[] args)
    {
        var options = new PhotoBenchOptions(24, 2, 4000, 3000, 4);
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            options = args[i++] switch
            {
                "--count" => options with { Count = value },
                "--concurrency" => options with { Concurrency = value },
                "--width" => options with { Width = value },
                "--height" => options with { Height = value },
                "--distinct" => options with { Distinct = value },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }
}
