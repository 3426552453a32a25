using Enforcement.Functions.Audit;
using Enforcement.Functions.Events;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Http;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Security;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Alerts;

/// <summary>Alerts over HTTP: publish (idempotent), list newest first, read, mark read, acknowledge, receipts.</summary>
internal static class AlertEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("Alerts");
        group.MapPost("/", PublishAlert).WithName(nameof(PublishAlert)).RequireAuthorization(Policies.PublishAlerts).AcceptsJson<AlertRequest>()
            .WithSummary("Publish an alert to offices, regions, roles or named users (idempotent with an Idempotency-Key header)");
        group.MapGet("/", ListAlerts).WithName(nameof(ListAlerts)).RequireAuthorization(Policies.Communicate)
            .WithSummary("The caller's alerts, newest (and so unread) first");
        group.MapGet("/{id}", GetAlert).WithName(nameof(GetAlert)).RequireAuthorization(Policies.Communicate).WithSummary("Read one alert addressed to the caller");
        group.MapPut("/read-marker", MarkAlertsRead).WithName(nameof(MarkAlertsRead)).RequireAuthorization(Policies.Communicate).AcceptsJson<ReadMarkerRequest>()
            .WithSummary("Mark every alert up to one read (one marker per reader)");
        group.MapPost("/{id}/ack", AcknowledgeAlert).WithName(nameof(AcknowledgeAlert)).RequireAuthorization(Policies.Communicate)
            .WithSummary("Acknowledge an alert that asks for it (repeatable: the first acknowledgement stands)");
        group.MapGet("/{id}/receipt", GetAlertReceipt).WithName(nameof(GetAlertReceipt)).RequireAuthorization(Policies.Communicate)
            .WithSummary("Who has acknowledged an alert, and which recipients have not yet");
        return group;
    }

    public static async Task<Results<Created<Alert>, ValidationProblem, ProblemHttpResult>> PublishAlert(
        HttpContext context, IdempotencyKey idempotencyKey, AlertStore store, RecordReferences references, InboxDelivery inbox, Escalations escalations,
        EventOutbox outbox, Auditor auditor, IOptions<InboxOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<AlertRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var caller = context.Caller();
        var errors = new FieldErrors();
        var alert = AlertValidator.Validate(body.Value!, caller, time.GetUtcNow(), errors);
        await references.CheckAsync(caller, body.Value!.References, errors, "references", cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var recipients = AlertValidator.RecipientKeysOf(alert.Audience!, alert.Handling!);
        await auditor.RecordAsync(context, "alert.publish", [], AuditOutcomes.Authorized);
        if (await store.PublishAsync(caller, alert, recipients, idempotencyKey.Value, cancellationToken) is not { } published)
        {
            return Problems.Unprocessable("Idempotency-Key reused",
                "This Idempotency-Key was already used with a different alert. Use a new key for a new alert.", "Idempotency-Key");
        }

        var entity = published.Alert;
        await inbox.RequestFanOutAsync(InboxKinds.Alert, entity.PartitionKey, cancellationToken);
        if (PartnerAlertView.MayLeave(entity))
        {
            await outbox.EnqueueAsync(new RecordEvent(RecordEvent.IdFor(entity.PartitionKey, 1), RecordEventTypes.AlertPublished, entity.PartitionKey, 1, entity.PublishedAt),
                cancellationToken);
        }

        if (entity.Priority == Priorities.Urgent && entity.RequestAck && entity.Office is not null)
        {
            await escalations.ScheduleFirstAsync(InboxKinds.Alert, entity.PartitionKey, entity.Office, options.Value.EscalationWindow, cancellationToken);
        }

        if (published.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var view = await AlertViews.ToAlertAsync(entity, caller, null, references, cancellationToken);
        return TypedResults.Created(context.PathTo(nameof(GetAlert), new { id = entity.PartitionKey }), view);
    }

    public static async Task<Results<Ok<AlertPage>, ValidationProblem>> ListAlerts(
        HttpContext context, AlertStore store, RecordReferences references, Auditor auditor,
        [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageSize, after) = paging.Read(errors, DefaultPageSize, MaxPageSize);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var keys = RecipientKeys.Of(caller);
        var (ids, next) = await store.ListAsync(keys, pageSize, after, cancellationToken);
        var marker = await store.ReadMarkerAsync(caller.Subject, cancellationToken);
        var alerts = new List<Alert>(ids.Count);
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, cancellationToken) is { } entity && AlertStore.IsAddressedTo(entity, caller, keys))
            {
                alerts.Add(await AlertViews.ToAlertAsync(entity, caller, marker, references, cancellationToken));
            }
        }

        await auditor.RecordAsync(context, "alert.list", alerts.Select(a => a.Id), AuditOutcomes.Read);
        return TypedResults.Ok(new AlertPage(alerts, ContinuationToken.Encode(next)));
    }

    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> GetAlert(
        string id, HttpContext context, AlertStore store, RecordReferences references, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await ReadAddressedAsync(id, context, store, auditor, "alert.read", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("alert");
        }

        var caller = context.Caller();
        return TypedResults.Ok(await AlertViews.ToAlertAsync(entity, caller, await store.ReadMarkerAsync(caller.Subject, cancellationToken), references, cancellationToken));
    }

    public static async Task<Results<Ok<ReadMarker>, ValidationProblem, ProblemHttpResult>> MarkAlertsRead(
        HttpContext context, AlertStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ReadMarkerRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        if (!AlertStore.IsAlertId(body.Value!.UpTo))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["upTo"] = ["Required: an alert id."] });
        }

        var upTo = await store.MarkReadAsync(context.Caller().Subject, body.Value.UpTo!, cancellationToken);
        return TypedResults.Ok(new ReadMarker(upTo, time.GetUtcNow()));
    }

    public static async Task<Results<Ok<Acknowledgement>, ProblemHttpResult>> AcknowledgeAlert(
        string id, HttpContext context, AlertStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await ReadAddressedAsync(id, context, store, auditor, "alert.ack", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("alert");
        }

        if (!entity.RequestAck)
        {
            return Problems.Unprocessable("No acknowledgement asked", "This alert does not ask for acknowledgement; mark it read instead.");
        }

        var ack = await store.AcknowledgeAsync(entity.PartitionKey, context.Caller(), cancellationToken);
        return TypedResults.Ok(new Acknowledgement(ack.Subject, ack.Office, ack.AcknowledgedAt));
    }

    public static async Task<Results<Ok<AckReceipt>, ProblemHttpResult>> GetAlertReceipt(
        string id, HttpContext context, AlertStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await ReadAddressedAsync(id, context, store, auditor, "alert.receipt", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("alert");
        }

        var acks = await store.AcknowledgementsAsync(entity.PartitionKey, cancellationToken);
        return TypedResults.Ok(new AckReceipt(entity.PartitionKey,
            acks.OrderBy(a => a.AcknowledgedAt).Select(a => new Acknowledgement(a.Subject, a.Office, a.AcknowledgedAt)).ToList(),
            entity.RequestAck ? AlertStore.Pending(AlertStore.ContentOf(entity), acks) : []));
    }

    /// <summary>An alert the caller is addressed by, the read audited; any other is audited and reported as not found.</summary>
    private static async Task<AlertEntity?> ReadAddressedAsync(string id, HttpContext context, AlertStore store, Auditor auditor, string operation, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } entity)
        {
            return null;
        }

        var caller = context.Caller();
        if (!AlertStore.IsAddressedTo(entity, caller, RecipientKeys.Of(caller)))
        {
            await auditor.RecordAsync(context, operation, [entity.PartitionKey], AuditOutcomes.OutOfScope);
            return null;
        }

        await auditor.RecordAsync(context, operation, [entity.PartitionKey], AuditOutcomes.Read);
        return entity;
    }
}
