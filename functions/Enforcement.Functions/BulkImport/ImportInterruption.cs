namespace Enforcement.Functions.BulkImport;

/// <summary>
/// The point of an import run where a crash hurts most: a chunk's records are committed but the job's cursor is not
/// yet saved. Does nothing in the app; tests register a subclass that throws there, to show that the resumed run
/// finds those records instead of writing them twice.
/// </summary>
internal class ImportInterruption
{
    public virtual void AfterChunkWritten(string jobId, int lastRow)
    {
    }
}
