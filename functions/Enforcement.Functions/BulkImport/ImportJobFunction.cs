using Enforcement.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// Queue "import-jobs" (message: the job id): runs or resumes a started job (<see cref="ImportProcessor"/>). A
/// failure throws, so the host retries from the job's cursor; on the last attempt the job is first marked failed.
/// </summary>
internal sealed class ImportJobFunction(ImportProcessor processor, HostJson hostJson)
{
    [Function("ImportJobs")]
    public async Task RunAsync([QueueTrigger("%ImportJobsQueue%")] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var jobId = message.Trim();
        try
        {
            await processor.RunAsync(jobId, cancellationToken);
        }
        catch (Exception ex) when (dequeueCount >= hostJson.Queues.MaxDequeueCount && ex is not OperationCanceledException)
        {
            await processor.MarkFailedAsync(jobId, "The import stopped after repeated failures; start it again to resume from where it stopped.", cancellationToken);
            throw;
        }
    }
}
