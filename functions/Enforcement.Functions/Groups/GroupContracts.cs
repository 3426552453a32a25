using Enforcement.Functions.Handling;

namespace Enforcement.Functions.Groups;

/// <summary>A closed group for an operation or project. Every property is optional here so that the validator names each missing field.</summary>
public sealed record GroupRequest
{
    public string? Name { get; init; }

    public string? Purpose { get; init; }

    /// <summary>The owning office (escalations go to its supervisors); defaults to the owner's office.</summary>
    public string? Office { get; init; }

    public GroupMembers? Members { get; init; }

    /// <summary>First day of the operation (YYYY-MM-DD, UTC).</summary>
    public string? StartsOn { get; init; }

    /// <summary>Last day: the day after, the group freezes (read-only) and its operation report is produced.</summary>
    public string? EndsOn { get; init; }

    public string? DefaultHandling { get; init; }

    /// <summary>ISO 639-1 codes of the languages the group works in.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>Days after the end date before the group's content is purged (within the server's bounds).</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Minutes an urgent message that asks for acknowledgement waits before it is escalated.</summary>
    public int? EscalationMinutes { get; init; }
}

/// <summary>Members: users by subject and whole offices (an office covers its units).</summary>
public sealed record GroupMembers
{
    public IReadOnlyList<string>? Users { get; init; }

    public IReadOnlyList<string>? Offices { get; init; }
}

public sealed record Group
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Purpose { get; init; }

    public required string Owner { get; init; }

    public string? Office { get; init; }

    public required string StartsOn { get; init; }

    public required string EndsOn { get; init; }

    public required string DefaultHandling { get; init; }

    public required IReadOnlyList<string> Languages { get; init; }

    public required int RetentionDays { get; init; }

    public required int EscalationMinutes { get; init; }

    public required bool Frozen { get; init; }

    /// <summary>Members (absent for admins, who see that a group exists, not who talks in it).</summary>
    public GroupMembers? Members { get; init; }

    /// <summary>Users who asked to join (the owner's view only).</summary>
    public IReadOnlyList<string>? JoinRequests { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record GroupPage(IReadOnlyList<Group> Items, string? ContinuationToken);

/// <summary>A message sent into a group.</summary>
public sealed record MessageRequest
{
    public string? Text { get; init; }

    public IReadOnlyList<string>? References { get; init; }

    public bool? RequestAck { get; init; }

    public string? Priority { get; init; }

    /// <summary>Defaults to the group's handling code.</summary>
    public string? Handling { get; init; }

    public Evaluation? Evaluation { get; init; }

    /// <summary>Named members (subjects) an H3 message is released to: only they (and the sender) see it.</summary>
    public IReadOnlyList<string>? Recipients { get; init; }
}

public sealed record GroupMessage
{
    public required string Id { get; init; }

    public required string GroupId { get; init; }

    public string? ClientMessageId { get; init; }

    public required string Sender { get; init; }

    public string? SenderOffice { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<RecordReference> References { get; init; }

    public required bool RequestAck { get; init; }

    public required string Priority { get; init; }

    public required string Handling { get; init; }

    public Evaluation? Evaluation { get; init; }

    public IReadOnlyList<string>? Recipients { get; init; }

    /// <summary>Written by the system (a seizure reported into the operation), not by a member.</summary>
    public required bool System { get; init; }

    public required bool Read { get; init; }
}

public sealed record GroupMessagePage(IReadOnlyList<GroupMessage> Items, string? ContinuationToken);

/// <summary>The seizures reported into an operation (recorded with its operationId), counted as the national database holds them.</summary>
public sealed record OperationReport
{
    public required string GroupId { get; init; }

    public required bool Final { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required int Seizures { get; init; }

    public required IReadOnlyList<ReportCount> ByCategory { get; init; }

    public required IReadOnlyList<ReportCount> ByRoute { get; init; }

    public required IReadOnlyList<ReportCount> ByConcealment { get; init; }

    public required IReadOnlyList<ReportCount> ByOffice { get; init; }
}

/// <summary>Seizures and quantities (per unit) under one key: a category, "AE>PK", a concealment method, an office.</summary>
public sealed record ReportCount(string Key, int Seizures, IReadOnlyList<ReportQuantity> Quantities);

public sealed record ReportQuantity(string Unit, decimal Quantity);
