namespace Enforcement.Functions.Events;

/// <summary>
/// The points of the write path where a process can die: just before the record's transaction and just after it,
/// before its event is handed to the publisher. Does nothing in the app; tests register a subclass that throws, to
/// show that nothing is stored in the first case and that the relay publishes the event in the second.
/// </summary>
internal class CommitInterruption
{
    public virtual void BeforeCommit(string recordId)
    {
    }

    public virtual void AfterCommit(string recordId)
    {
    }
}
