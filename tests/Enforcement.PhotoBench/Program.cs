using Enforcement.PhotoBench;

return await PhotoBenchCommand.RunAsync(args);
