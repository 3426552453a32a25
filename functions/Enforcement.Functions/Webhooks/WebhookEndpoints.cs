using System.Text.Json.Nodes;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Events;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Partner webhook subscriptions. A partner manages its own (another owner's answer 404, as if they did not exist);
/// an admin manages all and alone may grant nominal scope.
/// </summary>
internal static class WebhookEndpoints
{
    private const int MaxConcurrentChanges = 3;
    private const string SecretNote = "Store this secret now: it is shown only once. Verify each delivery's webhook-signature with it (Standard Webhooks).";

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks/subscriptions").WithTags("Webhooks").RequireAuthorization(Policies.ManageWebhooks);
        group.MapPost("/", CreateWebhookSubscription).WithName(nameof(CreateWebhookSubscription))
            .AcceptsJson<WebhookSubscriptionRequest>().WithSummary("Subscribe a URL to events (the signing secret is in this response only)");
        group.MapGet("/", ListWebhookSubscriptions).WithName(nameof(ListWebhookSubscriptions))
            .WithSummary("List subscriptions (partners: their own; admins: all, or one owner's with ?owner=)");
        group.MapGet("/{id}", GetWebhookSubscription).WithName(nameof(GetWebhookSubscription)).WithSummary("Read a subscription");
        group.MapPatch("/{id}", UpdateWebhookSubscription).WithName(nameof(UpdateWebhookSubscription))
            .AcceptsJson<WebhookSubscriptionRequest>(MergePatch.MediaType).WithSummary("Change a subscription with a JSON merge patch (If-Match optional)");
        group.MapDelete("/{id}", DeleteWebhookSubscription).WithName(nameof(DeleteWebhookSubscription)).WithSummary("Delete a subscription and its delivery log");
        group.MapPost("/{id}/rotate-secret", RotateWebhookSecret).WithName(nameof(RotateWebhookSecret))
            .WithSummary("Issue a new signing secret; the previous one keeps signing beside it for 24 hours");
        group.MapPost("/{id}/ping", PingWebhookSubscription).WithName(nameof(PingWebhookSubscription)).WithSummary("Send a webhook.ping event to the subscription");
        group.MapGet("/{id}/deliveries", ListWebhookDeliveries).WithName(nameof(ListWebhookDeliveries)).WithSummary("The delivery log, newest first");
        group.MapGet("/{id}/deliveries/{deliveryId}", GetWebhookDelivery).WithName(nameof(GetWebhookDelivery)).WithSummary("One delivery with its attempts");
        group.MapPost("/{id}/deliveries/{deliveryId}/redeliver", RedeliverWebhookDelivery).WithName(nameof(RedeliverWebhookDelivery))
            .WithSummary("Send a delivery again (a new run of the retry schedule, the same webhook-id)");
        return group;
    }

    public static async Task<Results<Created<WebhookSubscription>, ValidationProblem, ProblemHttpResult>> CreateWebhookSubscription(
        HttpContext context, WebhookSubscriptionStore store, WebhookTargetConnector connector, Auditor auditor, IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<WebhookSubscriptionRequest>(context.Request, cancellationToken);
        if (!request.Succeeded)
        {
            return Problems.Invalid(request.Errors);
        }

        var (valid, errors) = WebhookSubscriptionValidator.Validate(request.Value!, options.Value.AllowPrivateNetworkTargets);
        if (valid is null)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        if (valid.Scope == WebhookScopes.Nominal && !caller.IsInRole(Roles.Admin))
        {
            await auditor.RecordAsync(context, "webhook.subscription.create", [], AuditOutcomes.Forbidden);
            return NominalForbidden();
        }

        if (await WebhookUrlRules.CheckResolutionAsync(valid.Url, connector, cancellationToken) is { } unreachable)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["url"] = [unreachable] });
        }

        if (await store.CountOwnedAsync(caller.Subject, cancellationToken) >= options.Value.MaxSubscriptionsPerOwner)
        {
            return Problems.Unprocessable("Too many subscriptions",
                $"An owner may have at most {options.Value.MaxSubscriptionsPerOwner} subscriptions; change or delete one instead.");
        }

        var (created, secret) = await store.CreateAsync(caller.Subject, valid,
            id => auditor.RecordAsync(context, "webhook.subscription.create", [id], AuditOutcomes.Authorized), cancellationToken);
        context.Response.Headers.ETag = WebhookMapping.ETagFor(created);
        return TypedResults.Created($"/api/webhooks/subscriptions/{created.RowKey}", WebhookMapping.ToContract(created, secret));
    }

    public static async Task<Results<Ok<WebhookSubscriptionPage>, ValidationProblem>> ListWebhookSubscriptions(
        HttpContext context, WebhookSubscriptionStore store,
        [FromQuery] string? owner, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var errors = new Dictionary<string, string[]>();
        var (pageSize, token) = paging.Read(errors);

        if (owner is not null && !caller.IsInRole(Roles.Admin))
        {
            errors["owner"] = ["Only an admin can list another owner's subscriptions."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (caller.IsInRole(Roles.Admin) && owner is null)
        {
            var (items, next) = await store.ListAllAsync(pageSize, token, cancellationToken);
            return TypedResults.Ok(new WebhookSubscriptionPage(items.Select(s => WebhookMapping.ToContract(s)).ToList(), ContinuationToken.Encode(next)));
        }

        var owned = await store.ListOwnedAsync(owner ?? caller.Subject, cancellationToken);
        return TypedResults.Ok(new WebhookSubscriptionPage(owned.Select(s => WebhookMapping.ToContract(s)).ToList(), null));
    }

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> GetWebhookSubscription(
        string id, HttpContext context, WebhookSubscriptionStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, store, cancellationToken) is not { } subscription)
        {
            return Problems.NotFound("webhook subscription");
        }

        context.Response.Headers.ETag = WebhookMapping.ETagFor(subscription);
        return TypedResults.Ok(WebhookMapping.ToContract(subscription));
    }

    public static async Task<Results<Ok<WebhookSubscription>, ValidationProblem, ProblemHttpResult>> UpdateWebhookSubscription(
        string id, HttpContext context, WebhookSubscriptionStore store, WebhookTargetConnector connector, Auditor auditor, IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        var patch = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (!patch.Succeeded)
        {
            return Problems.Invalid(patch.Errors);
        }

        if (EntityTags.Parse(context.Request.Headers.IfMatch) is not { } ifMatch)
        {
            return EntityTags.Malformed("If-Match");
        }

        var caller = context.Caller();
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(id, context, store, cancellationToken) is not { } current)
            {
                return Problems.NotFound("webhook subscription");
            }

            if (ifMatch.Count > 0 && !ifMatch.Contains("*") && !ifMatch.Contains(WebhookMapping.ETagFor(current)))
            {
                return Problems.PreconditionFailed();
            }

            var request = JsonBody.Deserialize<WebhookSubscriptionRequest>(MergePatch.ApplyTo(WebhookMapping.ToRequestNode(current), patch.Value!));
            if (!request.Succeeded)
            {
                return Problems.Invalid(request.Errors);
            }

            var (valid, errors) = WebhookSubscriptionValidator.Validate(request.Value!, options.Value.AllowPrivateNetworkTargets);
            if (valid is null)
            {
                return Problems.Invalid(errors);
            }

            if (valid.Scope == WebhookScopes.Nominal && current.Scope != WebhookScopes.Nominal && !caller.IsInRole(Roles.Admin))
            {
                await auditor.RecordAsync(context, "webhook.subscription.update", [current.RowKey], AuditOutcomes.Forbidden);
                return NominalForbidden();
            }

            if (valid.Url != current.Url && await WebhookUrlRules.CheckResolutionAsync(valid.Url, connector, cancellationToken) is { } unreachable)
            {
                return Problems.Invalid(new Dictionary<string, string[]> { ["url"] = [unreachable] });
            }

            await auditor.RecordAsync(context, "webhook.subscription.update", [current.RowKey], AuditOutcomes.Authorized);
            if (await store.UpdateAsync(current, valid, cancellationToken))
            {
                context.Response.Headers.ETag = WebhookMapping.ETagFor(current);
                return TypedResults.Ok(WebhookMapping.ToContract(current));
            }

            // The delivery bookkeeping changed the row meanwhile (or, without If-Match, another client did): apply again.
            if (attempt == MaxConcurrentChanges)
            {
                return Problems.PreconditionFailed();
            }
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhookSubscription(
        string id, HttpContext context, WebhookSubscriptionStore store, WebhookDeliveryLog deliveries, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, store, cancellationToken) is not { } subscription)
        {
            return Problems.NotFound("webhook subscription");
        }

        await auditor.RecordAsync(context, "webhook.subscription.delete", [subscription.RowKey], AuditOutcomes.Authorized);
        await store.DeleteAsync(subscription, cancellationToken);
        await deliveries.DeleteAllAsync(subscription.RowKey, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookSecretRotation>, ProblemHttpResult>> RotateWebhookSecret(
        string id, HttpContext context, WebhookSubscriptionStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxConcurrentChanges; attempt++)
        {
            if (await FindAsync(id, context, store, cancellationToken) is not { } subscription)
            {
                return Problems.NotFound("webhook subscription");
            }

            await auditor.RecordAsync(context, "webhook.secret.rotate", [subscription.RowKey], AuditOutcomes.Authorized);
            if (await store.RotateSecretAsync(subscription, cancellationToken) is { } secret)
            {
                context.Response.Headers.ETag = WebhookMapping.ETagFor(subscription);
                return TypedResults.Ok(new WebhookSecretRotation(subscription.RowKey, secret, subscription.PreviousSecretExpiresAt, SecretNote));
            }
        }

        return Problems.PreconditionFailed();
    }

    public static async Task<Results<Accepted<WebhookPingAccepted>, ProblemHttpResult>> PingWebhookSubscription(
        string id, HttpContext context, WebhookSubscriptionStore store, EventOutbox events, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, store, cancellationToken) is not { } subscription)
        {
            return Problems.NotFound("webhook subscription");
        }

        if (!subscription.IsActive)
        {
            return Disabled();
        }

        var now = time.GetUtcNow();
        var ping = new RecordEvent($"ping.{subscription.RowKey}.{Guid.NewGuid():N}", RecordEventTypes.WebhookPing, subscription.RowKey, 0, now);
        await auditor.RecordAsync(context, "webhook.ping", [subscription.RowKey], AuditOutcomes.Authorized);
        await events.EnqueueAsync(ping, cancellationToken);
        var deliveryId = WebhookKeys.DeliveryId(ping.EventId, ping.OccurredAt, subscription.RowKey);
        return TypedResults.Accepted($"/api/webhooks/subscriptions/{subscription.RowKey}/deliveries/{deliveryId}", new WebhookPingAccepted(deliveryId, ping.EventId));
    }

    public static async Task<Results<Ok<WebhookDeliveryPage>, ValidationProblem, ProblemHttpResult>> ListWebhookDeliveries(
        string id, HttpContext context, WebhookSubscriptionStore store, WebhookDeliveryLog deliveries,
        [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageSize, token) = paging.Read(errors);

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await FindAsync(id, context, store, cancellationToken) is not { } subscription)
        {
            return Problems.NotFound("webhook subscription");
        }

        var (items, next) = await deliveries.ListAsync(subscription.RowKey, pageSize, token, cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryPage(items.Select(d => WebhookMapping.ToContract(d, withAttemptLog: false)).ToList(), ContinuationToken.Encode(next)));
    }

    public static async Task<Results<Ok<WebhookDelivery>, ProblemHttpResult>> GetWebhookDelivery(
        string id, string deliveryId, HttpContext context, WebhookSubscriptionStore store, WebhookDeliveryLog deliveries, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, store, cancellationToken) is not { } subscription
            || await deliveries.GetAsync(subscription.RowKey, deliveryId, cancellationToken) is not { } delivery)
        {
            return Problems.NotFound("webhook delivery");
        }

        return TypedResults.Ok(WebhookMapping.ToContract(delivery, withAttemptLog: true));
    }

    public static async Task<Results<Accepted<WebhookDelivery>, ProblemHttpResult>> RedeliverWebhookDelivery(
        string id, string deliveryId, HttpContext context, WebhookSubscriptionStore store, WebhookDeliveryLog deliveries, Auditor auditor,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, store, cancellationToken) is not { } subscription
            || await deliveries.GetAsync(subscription.RowKey, deliveryId, cancellationToken) is not { } delivery)
        {
            return Problems.NotFound("webhook delivery");
        }

        if (!subscription.IsActive)
        {
            return Disabled();
        }

        await auditor.RecordAsync(context, "webhook.redeliver", [subscription.RowKey, delivery.RowKey], AuditOutcomes.Authorized);
        if (!await deliveries.RedeliverAsync(delivery, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An attempt is in flight",
                detail: "This delivery is being sent right now; look at its status again in a few seconds.");
        }

        return TypedResults.Accepted($"/api/webhooks/subscriptions/{subscription.RowKey}/deliveries/{delivery.RowKey}", WebhookMapping.ToContract(delivery, withAttemptLog: false));
    }

    /// <summary>A partner finds only its own subscriptions (a point read in its partition); an admin finds any.</summary>
    private static Task<WebhookSubscriptionEntity?> FindAsync(string id, HttpContext context, WebhookSubscriptionStore store, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        return caller.IsInRole(Roles.Admin) ? store.FindAsync(id, cancellationToken) : store.GetOwnedAsync(caller.Subject, id, cancellationToken);
    }

    private static ProblemHttpResult NominalForbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "Only an admin can grant nominal scope, under an agreement that allows personal data to leave.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["scope"] = ["Only an admin can set nominal scope."] } });

    private static ProblemHttpResult Disabled() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The subscription is disabled",
            detail: "Re-enable it first with PATCH {\"active\": true} (see disabledReason for why it was disabled).");
}
