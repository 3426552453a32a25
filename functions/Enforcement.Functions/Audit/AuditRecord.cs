namespace Enforcement.Functions.Audit;

/// <summary>What happened: who, what operation on which records, with what outcome, from where. Never a secret or token.</summary>
internal sealed record AuditRecord(
    DateTimeOffset At,
    string Subject,
    IReadOnlyList<string> Roles,
    string? Office,
    string? Region,
    string? ApiKeyId,
    string AuthMethod,
    string Operation,
    IReadOnlyList<string> Records,
    string Outcome,
    string? Client,
    string? TraceId);

internal static class AuditOutcomes
{
    /// <summary>Written before the effect: the operation was authorised and is being carried out.</summary>
    public const string Authorized = "authorized";
    public const string Read = "read";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string OutOfScope = "out-of-scope";
}
