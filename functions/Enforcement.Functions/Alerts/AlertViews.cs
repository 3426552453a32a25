using Enforcement.Functions.Handling;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Alerts;

internal static class AlertViews
{
    /// <summary>The alert for one reader: references rendered with the reader's own access, read state from their marker.</summary>
    public static async Task<Alert> ToAlertAsync(AlertEntity entity, Caller reader, string? marker, RecordReferences references, CancellationToken cancellationToken)
    {
        var content = AlertStore.ContentOf(entity);
        return new Alert
        {
            Id = entity.PartitionKey, Title = content.Title!, Body = content.Body!, Kind = content.Kind!, Facts = content.Facts,
            References = await references.RenderAllAsync(reader, content.References ?? [], cancellationToken),
            Audience = content.Audience!, ValidFrom = content.ValidFrom!.Value, ValidUntil = content.ValidUntil, Priority = entity.Priority,
            RequestAck = entity.RequestAck, Handling = entity.Handling, Evaluation = content.Evaluation!, Office = entity.Office,
            NonNominal = content.NonNominal == true, PublishedBy = entity.PublishedBy, PublishedAt = entity.PublishedAt,
            Read = marker is not null && string.CompareOrdinal(entity.PartitionKey, marker) <= 0,
        };
    }
}

/// <summary>What partners receive in alert.published: no body-free-text restrictions beyond the publisher's
/// non-nominal declaration, no references (national record ids), no audience.</summary>
public sealed record PartnerAlertView(string Id, string Title, string Body, string Kind, AlertFacts? Facts, string Priority, string Handling,
    Evaluation Evaluation, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil, DateTimeOffset PublishedAt)
{
    /// <summary>Only a non-nominal alert marked H0 or H1 ever leaves: H2 and H3 never reach a webhook.</summary>
    internal static bool MayLeave(AlertEntity alert) =>
        HandlingCodes.MayLeave(alert.Handling) && AlertStore.ContentOf(alert) is { NonNominal: true } content
        && (content.References ?? []).All(r => r.StartsWith("SZ-", StringComparison.Ordinal));

    internal static PartnerAlertView From(AlertEntity alert)
    {
        var c = AlertStore.ContentOf(alert);
        return new PartnerAlertView(alert.PartitionKey, c.Title!, c.Body!, c.Kind!, c.Facts, alert.Priority, alert.Handling, c.Evaluation!,
            c.ValidFrom!.Value, c.ValidUntil, alert.PublishedAt);
    }
}
