using Azure.Storage.Queues;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Groups;

/// <summary>Operation groups over HTTP: create, list, read, membership, join requests and the operation report.</summary>
internal static class GroupEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/groups").WithTags("Groups");
        group.MapPost("/", CreateGroup).WithName(nameof(CreateGroup)).RequireAuthorization(Policies.ManageGroups).AcceptsJson<GroupRequest>()
            .WithSummary("Open a closed group for an operation or project (the caller owns it)");
        group.MapGet("/", ListGroups).WithName(nameof(ListGroups)).RequireAuthorization(Policies.ReadGroups)
            .WithSummary("The groups the caller is a member of (admins: every group, without members)");
        group.MapGet("/{id}", GetGroup).WithName(nameof(GetGroup)).RequireAuthorization(Policies.ReadGroups).WithSummary("Read a group (members; admins see only that it exists)");
        group.MapDelete("/{id}", DeleteGroup).WithName(nameof(DeleteGroup)).RequireAuthorization(Policies.Administer)
            .WithSummary("Delete a group and all it holds (admins; the content is purged by queued work, unread)");
        group.MapPut("/{id}/members/{member}", AddGroupMember).WithName(nameof(AddGroupMember)).RequireAuthorization(Policies.ManageGroups)
            .WithSummary("Add a member (user:{subject} or office:{code}); owner only");
        group.MapDelete("/{id}/members/{member}", RemoveGroupMember).WithName(nameof(RemoveGroupMember)).RequireAuthorization(Policies.ManageGroups)
            .WithSummary("Remove a member; owner only");
        group.MapPost("/{id}/join-requests", RequestToJoinGroup).WithName(nameof(RequestToJoinGroup)).RequireAuthorization(Policies.Communicate)
            .WithSummary("Ask the owner to be added (accepted whether or not the group exists, so that ids cannot be probed)");
        group.MapGet("/{id}/report", GetOperationReport).WithName(nameof(GetOperationReport)).RequireAuthorization(Policies.Communicate)
            .WithSummary("The operation report: seizures recorded with this operation id, by category, route, concealment and office");
        return group;
    }

    public static async Task<Results<Created<Group>, ValidationProblem, ProblemHttpResult>> CreateGroup(
        HttpContext context, GroupStore store, Auditor auditor, IOptions<GroupOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<GroupRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var caller = context.Caller();
        if (!caller.IsInRole(Roles.Analyst, Roles.Supervisor))
        {
            await auditor.RecordAsync(context, "group.create", [], AuditOutcomes.Forbidden);
            return Problems.Forbidden("Groups are owned by analysts and supervisors; admins manage their existence only.");
        }

        var request = body.Value!;
        var errors = new FieldErrors();
        GroupValidator.CheckGroup(request, options.Value, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var members = new List<GroupMemberEntity> { Member("user", caller.Subject) };
        members.AddRange((request.Members?.Users ?? []).Where(u => u != caller.Subject).Distinct(StringComparer.Ordinal).Select(u => Member("user", u)));
        members.AddRange((request.Members?.Offices ?? []).Distinct(StringComparer.Ordinal).Select(o => Member("office", o)));
        var entity = new GroupEntity
        {
            Name = request.Name!.Trim(), Purpose = request.Purpose!.Trim(), Owner = caller.Subject, Office = request.Office ?? caller.Office,
            StartsOn = request.StartsOn!, EndsOn = request.EndsOn!, DefaultHandling = request.DefaultHandling!,
            Languages = string.Join(',', request.Languages ?? []), RetentionDays = request.RetentionDays ?? options.Value.DefaultRetentionDays,
            EscalationMinutes = request.EscalationMinutes ?? 15,
        };
        await auditor.RecordAsync(context, "group.create", [], AuditOutcomes.Authorized);
        await store.CreateAsync(entity, members, cancellationToken);
        return TypedResults.Created(context.PathTo(nameof(GetGroup), new { id = entity.PartitionKey }), ToGroup(entity, members, null));
    }

    public static async Task<Results<Ok<GroupPage>, ValidationProblem>> ListGroups(
        HttpContext context, GroupStore store, Auditor auditor, TimeProvider time,
        [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageSize, after) = paging.Read(errors, DefaultPageSize, MaxPageSize);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var isAdmin = IsAdminOnly(caller);
        var (ids, next) = await store.ListIdsAsync(isAdmin ? [GroupMembershipEntity.AllPartition] : GroupStore.KeysOf(caller), pageSize, after, cancellationToken);
        var groups = new List<Group>(ids.Count);
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, cancellationToken) is { } group)
            {
                groups.Add(ToGroup(group, null, null, time.GetUtcNow()));
            }
        }

        await auditor.RecordAsync(context, "group.list", groups.Select(g => g.Id), AuditOutcomes.Read);
        return TypedResults.Ok(new GroupPage(groups, ContinuationToken.Encode(next)));
    }

    public static async Task<Results<Ok<Group>, ProblemHttpResult>> GetGroup(string id, HttpContext context, GroupStore store, Auditor auditor, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        if (IsAdminOnly(caller))
        {
            if (await store.GetAsync(id, cancellationToken) is not { } existing)
            {
                return Problems.NotFound("group");
            }

            await auditor.RecordAsync(context, "group.read", [existing.PartitionKey], AuditOutcomes.Read);
            return TypedResults.Ok(ToGroup(existing, null, null, time.GetUtcNow()));
        }

        if (await GroupAccess.AsMemberAsync(id, context, store, auditor, "group.read", cancellationToken) is not { } access)
        {
            return Problems.NotFound("group");
        }

        await auditor.RecordAsync(context, "group.read", [access.Group.PartitionKey], AuditOutcomes.Read);
        var joins = access.IsOwner ? await store.JoinRequestsAsync(access.Group.PartitionKey, cancellationToken) : null;
        return TypedResults.Ok(ToGroup(access.Group, access.Members, joins, time.GetUtcNow()));
    }

    /// <summary>Admins manage a group's existence without reading it: the group reads as not found at once, and the
    /// queued purge deletes its rows unread.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> DeleteGroup(string id, HttpContext context, GroupStore store, Auditor auditor,
        QueueServiceClient queues, StorageNames names, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } group)
        {
            return Problems.NotFound("group");
        }

        await auditor.RecordAsync(context, "group.delete", [group.PartitionKey], AuditOutcomes.Authorized);
        await store.MarkDeletedAsync(group, cancellationToken);
        await queues.GetQueueClient(names.Queue(StorageNames.Queues.GroupPurges)).SendMessageAsync(group.PartitionKey, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> AddGroupMember(
        string id, string member, HttpContext context, GroupStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
        => await ChangeMemberAsync(id, member, add: true, context, store, auditor, time, cancellationToken);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveGroupMember(
        string id, string member, HttpContext context, GroupStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
        => await ChangeMemberAsync(id, member, add: false, context, store, auditor, time, cancellationToken);

    public static async Task<Accepted> RequestToJoinGroup(string id, HttpContext context, GroupStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is { } group)
        {
            await store.RequestJoinAsync(group.PartitionKey, context.Caller(), cancellationToken);
        }

        await auditor.RecordAsync(context, "group.join-request", [id.Length <= 64 ? id : id[..64]], AuditOutcomes.Authorized);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Ok<OperationReport>, ProblemHttpResult>> GetOperationReport(
        string id, HttpContext context, GroupStore store, OperationReports reports, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await GroupAccess.AsMemberAsync(id, context, store, auditor, "group.report", cancellationToken) is not { } access)
        {
            return Problems.NotFound("group");
        }

        await auditor.RecordAsync(context, "group.report", [access.Group.PartitionKey], AuditOutcomes.Read);
        return TypedResults.Ok(await store.FinalReportAsync(access.Group.PartitionKey, cancellationToken)
                               ?? await reports.BuildAsync(access.Group, final: false, cancellationToken));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeMemberAsync(
        string id, string member, bool add, HttpContext context, GroupStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var operation = add ? "group.member.add" : "group.member.remove";
        if (await GroupAccess.AsMemberAsync(id, context, store, auditor, operation, cancellationToken) is not { } access)
        {
            return Problems.NotFound("group");
        }

        if (!access.IsOwner)
        {
            await auditor.RecordAsync(context, operation, [access.Group.PartitionKey], AuditOutcomes.Forbidden);
            return Problems.Forbidden("Only the group's owner changes its members; ask to join or ask the owner.");
        }

        if (access.Group.IsFrozenAt(time.GetUtcNow()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The group is frozen",
                detail: $"The operation ended on {access.Group.EndsOn}; the group is read-only.");
        }

        var parsed = ParseMember(member);
        if (parsed is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["member"] = ["Must be user:{subject} or office:{code} (e.g. office:PKKHI)."] });
        }

        if (!add && parsed.Value == access.Group.Owner && parsed.Kind == "user")
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["member"] = ["The owner stays a member of their group."] });
        }

        await auditor.RecordAsync(context, operation, [access.Group.PartitionKey], AuditOutcomes.Authorized);
        if (add)
        {
            await store.AddMemberAsync(access.Group.PartitionKey, parsed, cancellationToken);
        }
        else
        {
            await store.RemoveMemberAsync(access.Group.PartitionKey, parsed.Key, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static GroupMemberEntity? ParseMember(string member)
    {
        if (member.StartsWith("user:", StringComparison.Ordinal) && Handling.MarkingChecks.IsSubject(member[5..]))
        {
            return Member("user", member[5..]);
        }

        if (member.StartsWith("office:", StringComparison.Ordinal) && Handling.MarkingChecks.IsOffice(member[7..].ToUpperInvariant()))
        {
            return Member("office", member[7..].ToUpperInvariant());
        }

        return null;
    }

    private static GroupMemberEntity Member(string kind, string value) =>
        new() { RowKey = GroupMemberEntity.Prefix + GroupStore.MemberKey(kind, value), Kind = kind, Value = value };

    /// <summary>Admins see groups exist; an admin who is also an analyst or supervisor uses the member's view.</summary>
    private static bool IsAdminOnly(Caller caller) => caller.IsInRole(Roles.Admin) && !caller.IsInRole(Roles.Analyst, Roles.Supervisor, Roles.Officer, Roles.Rilo);

    internal static Group ToGroup(GroupEntity entity, IReadOnlyList<GroupMemberEntity>? members, IReadOnlyList<string>? joins, DateTimeOffset? now = null) => new()
    {
        Id = entity.PartitionKey, Name = entity.Name, Purpose = entity.Purpose, Owner = entity.Owner, Office = entity.Office, StartsOn = entity.StartsOn,
        EndsOn = entity.EndsOn, DefaultHandling = entity.DefaultHandling,
        Languages = entity.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries), RetentionDays = entity.RetentionDays,
        EscalationMinutes = entity.EscalationMinutes, Frozen = now is { } n && entity.IsFrozenAt(n), CreatedAt = entity.CreatedAt,
        Members = members is null ? null : new GroupMembers
        {
            Users = members.Where(m => m.Kind == "user").Select(m => m.Value).ToList(),
            Offices = members.Where(m => m.Kind == "office").Select(m => m.Value).ToList(),
        },
        JoinRequests = joins,
    };
}
