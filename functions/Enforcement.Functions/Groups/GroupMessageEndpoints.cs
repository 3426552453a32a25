using System.Text.Json;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Http;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Groups;

/// <summary>Threaded messages in a group: idempotent send by a client-chosen id, listing after a cursor, one read
/// marker per member, acknowledgement with receipts. Every read of content is audited.</summary>
internal static class GroupMessageEndpoints
{
    public static RouteGroupBuilder MapGroupMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/groups/{id}").WithTags("Groups").RequireAuthorization(Policies.Communicate);
        group.MapPut("/messages/{clientMessageId}", SendGroupMessage).WithName(nameof(SendGroupMessage)).AcceptsJson<MessageRequest>()
            .WithSummary("Send a message under a client-chosen id (a retry returns the same message)");
        group.MapGet("/messages", ListGroupMessages).WithName(nameof(ListGroupMessages)).WithSummary("Messages after a cursor, oldest first");
        group.MapPut("/read-marker", MarkGroupRead).WithName(nameof(MarkGroupRead)).AcceptsJson<Alerts.ReadMarkerRequest>()
            .WithSummary("Mark the group read up to a message (one marker per member)");
        group.MapPost("/messages/{messageId}/ack", AcknowledgeGroupMessage).WithName(nameof(AcknowledgeGroupMessage))
            .WithSummary("Acknowledge a message that asks for it");
        group.MapGet("/messages/{messageId}/receipt", GetGroupMessageReceipt).WithName(nameof(GetGroupMessageReceipt))
            .WithSummary("Who has acknowledged a message, and who has not yet");
        return group;
    }

    public static async Task<Results<Ok<GroupMessage>, Created<GroupMessage>, ValidationProblem, ProblemHttpResult>> SendGroupMessage(
        string id, string clientMessageId, HttpContext context, GroupStore store, RecordReferences references, InboxDelivery inbox, Escalations escalations,
        Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        // The body is read before anything can answer early: an unread body left on the connection (an over-size one
        // cannot be drained) resets the client's next request on it. Parse errors say nothing about the group.
        var body = await JsonBody.ReadAsync<MessageRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        if (await GroupAccess.AsMemberAsync(id, context, store, auditor, "group.message.send", cancellationToken) is not { } access)
        {
            return Problems.NotFound("group");
        }

        var errors = new FieldErrors();
        if (!GroupValidator.IsClientMessageId(clientMessageId))
        {
            errors.Add("clientMessageId", $"1 to {GroupValidator.MaxClientMessageIdLength} letters, digits, '-', '_' or '.' (a UUID is ideal).");
        }

        var request = body.Value!;
        GroupValidator.CheckMessage(request, errors);
        var handling = request.Handling ?? access.Group.DefaultHandling;
        var userMembers = access.Members.Where(m => m.Kind == "user").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        if (handling == HandlingCodes.NamedOnly && (request.Recipients is not { Count: > 0 } || request.Recipients.Any(r => !userMembers.Contains(r))))
        {
            errors.Add("recipients", "An H3 message is released to named recipients only: name one or more members by subject.");
        }

        await references.CheckAsync(access.Caller, request.References, errors, "references", cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (access.Group.IsFrozenAt(time.GetUtcNow()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The group is frozen",
                detail: $"The operation ended on {access.Group.EndsOn}; the group is read-only.");
        }

        var normalized = request with
        {
            Handling = handling, Priority = request.Priority ?? Priorities.Routine, RequestAck = request.RequestAck ?? false,
            References = request.References?.Distinct(StringComparer.Ordinal).ToList() ?? [],
            Recipients = handling == HandlingCodes.NamedOnly ? request.Recipients!.Distinct(StringComparer.Ordinal).ToList() : null,
        };
        var content = JsonSerializer.Serialize(normalized, JsonBody.Options);
        var message = new GroupMessageEntity
        {
            ClientMessageId = clientMessageId, Sender = access.Caller.Subject, SenderOffice = access.Caller.Office, SentAt = time.GetUtcNow(), Content = content,
            RequestHash = Sha256Hex.Of(content), Handling = handling, Priority = normalized.Priority!, RequestAck = normalized.RequestAck == true,
        };
        await auditor.RecordAsync(context, "group.message.send", [access.Group.PartitionKey], AuditOutcomes.Authorized);
        if (await store.SendAsync(access.Group.PartitionKey, access.UserKey, message, cancellationToken) is not { } sent)
        {
            return Problems.Unprocessable("Client message id reused", "You already sent a different message under this id; use a new id for a new message.", "clientMessageId");
        }

        await inbox.RequestFanOutAsync(InboxKinds.Message, $"{access.Group.PartitionKey}/{sent.Message.MessageId}", cancellationToken);
        if (sent.Message.Priority == Priorities.Urgent && sent.Message.RequestAck && access.Group.Office is { } office)
        {
            await escalations.ScheduleFirstAsync(InboxKinds.Message, $"{access.Group.PartitionKey}/{sent.Message.MessageId}", office,
                TimeSpan.FromMinutes(access.Group.EscalationMinutes), cancellationToken);
        }

        var view = await GroupMessages.ToMessageAsync(sent.Message, access.Caller, null, references, cancellationToken);
        if (sent.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(view);
        }

        return TypedResults.Created(context.PathTo(nameof(ListGroupMessages), new { id = access.Group.PartitionKey }) + "?after=" + PreviousCursor(sent.Message.MessageId), view);
    }

    public static async Task<Results<Ok<GroupMessagePage>, ValidationProblem, ProblemHttpResult>> ListGroupMessages(
        string id, HttpContext context, GroupStore store, RecordReferences references, Auditor auditor,
        [FromQuery] string? after, [FromQuery] string? limit, CancellationToken cancellationToken)
    {
        var pageSize = GroupEndpoints.DefaultPageSize;
        var errors = new Dictionary<string, string[]>();
        if (limit is not null && (!int.TryParse(limit, out pageSize) || pageSize is < 1 or > GroupEndpoints.MaxPageSize))
        {
            errors["limit"] = [$"Must be a whole number from 1 to {GroupEndpoints.MaxPageSize}."];
        }

        if (after is not null && !IsCursor(after))
        {
            errors["after"] = ["Must be a message id this API returned."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await GroupAccess.AsMemberAsync(id, context, store, auditor, "group.message.list", cancellationToken) is not { } access)
        {
            return Problems.NotFound("group");
        }

        var (messages, next) = await store.ListMessagesAsync(access.Group.PartitionKey, after, pageSize, cancellationToken);
        var marker = await store.ReadMarkerAsync(access.Group.PartitionKey, access.Caller.Subject, cancellationToken);
        var visible = new List<GroupMessage>();
        foreach (var message in messages.Where(access.MaySee))
        {
            visible.Add(await GroupMessages.ToMessageAsync(message, access.Caller, marker, references, cancellationToken));
        }

        await auditor.RecordAsync(context, "group.message.list", visible.Select(m => $"{access.Group.PartitionKey}/{m.Id}"), AuditOutcomes.Read);
        return TypedResults.Ok(new GroupMessagePage(visible, next));
    }

    public static async Task<Results<Ok<Alerts.ReadMarker>, ValidationProblem, ProblemHttpResult>> MarkGroupRead(
        string id, HttpContext context, GroupStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<Alerts.ReadMarkerRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        if (!IsCursor(body.Value!.UpTo))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["upTo"] = ["Required: a message id."] });
        }

        if (await GroupAccess.AsMemberAsync(id, context, store, auditor, "group.read-marker", cancellationToken) is not { } access)
        {
            return Problems.NotFound("group");
        }

        var upTo = await store.MarkReadAsync(access.Group.PartitionKey, access.Caller.Subject, body.Value.UpTo!, cancellationToken);
        return TypedResults.Ok(new Alerts.ReadMarker(upTo, time.GetUtcNow()));
    }

    public static async Task<Results<Ok<Alerts.Acknowledgement>, ProblemHttpResult>> AcknowledgeGroupMessage(
        string id, string messageId, HttpContext context, GroupStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await MessageInScopeAsync(id, messageId, context, store, auditor, "group.message.ack", cancellationToken) is not { } found)
        {
            return Problems.NotFound("message");
        }

        if (!found.Message.RequestAck)
        {
            return Problems.Unprocessable("No acknowledgement asked", "This message does not ask for acknowledgement; move your read marker instead.");
        }

        var ack = await store.AcknowledgeAsync(found.Access.Group.PartitionKey, found.Message.MessageId, found.Access.Caller, cancellationToken);
        return TypedResults.Ok(new Alerts.Acknowledgement(ack.GetString("Subject"), ack.GetString("Office"), ack.GetDateTimeOffset("AcknowledgedAt")!.Value));
    }

    public static async Task<Results<Ok<Alerts.AckReceipt>, ProblemHttpResult>> GetGroupMessageReceipt(
        string id, string messageId, HttpContext context, GroupStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await MessageInScopeAsync(id, messageId, context, store, auditor, "group.message.receipt", cancellationToken) is not { } found)
        {
            return Problems.NotFound("message");
        }

        var acks = (await store.AcknowledgementsAsync(found.Access.Group.PartitionKey, found.Message.MessageId, cancellationToken))
            .Select(a => new Alerts.Acknowledgement(a.GetString("Subject"), a.GetString("Office"), a.GetDateTimeOffset("AcknowledgedAt")!.Value))
            .OrderBy(a => a.AcknowledgedAt).ToList();
        var pending = found.Message.RequestAck ? GroupMessages.Pending(found.Message, found.Access.Members, acks.Select(a => (a.Subject, a.Office)).ToList()) : [];
        return TypedResults.Ok(new Alerts.AckReceipt($"{found.Access.Group.PartitionKey}/{found.Message.MessageId}", acks, pending));
    }

    private static async Task<(GroupAccess Access, GroupMessageEntity Message)?> MessageInScopeAsync(string id, string messageId, HttpContext context, GroupStore store,
        Auditor auditor, string operation, CancellationToken cancellationToken)
    {
        if (await GroupAccess.AsMemberAsync(id, context, store, auditor, operation, cancellationToken) is not { } access
            || !IsCursor(messageId)
            || await store.GetMessageAsync(access.Group.PartitionKey, messageId, cancellationToken) is not { } message
            || !access.MaySee(message))
        {
            return null;
        }

        await auditor.RecordAsync(context, operation, [$"{access.Group.PartitionKey}/{message.MessageId}"], AuditOutcomes.Read);
        return (access, message);
    }

    private static bool IsCursor(string? value) => value is { Length: TimeOrderedKey.Length } && value.All(c => TimeOrderedKey.Alphabet.Contains(c));

    /// <summary>A cursor just before this message, so the Location lists from the new message on.</summary>
    private static string PreviousCursor(string messageId) => messageId[..^1] + TimeOrderedKey.Alphabet[Math.Max(0, TimeOrderedKey.Alphabet.IndexOf(messageId[^1]) - 1)];
}
