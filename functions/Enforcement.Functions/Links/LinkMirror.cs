using Enforcement.Functions.Events;

namespace Enforcement.Functions.Links;

/// <summary>The links' repair path: on every link change, writes the person-side row from the seizure-side row as it is
/// now (a mirror write never replaces a newer version, so late or repeated events do no harm).</summary>
internal sealed class LinkMirror(LinkStore links) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType == RecordEventTypes.LinkChanged;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        var parts = recordEvent.RecordId.Split('|');
        if (parts.Length != 2)
        {
            throw new InvalidOperationException("The event names no link.");
        }

        var link = await links.GetAsync(parts[0], parts[1], cancellationToken)
            ?? throw new InvalidOperationException($"Link {recordEvent.RecordId} of event {recordEvent.EventId} does not exist.");
        await links.MirrorAsync(link, cancellationToken);
    }
}
