using System.ComponentModel.DataAnnotations;

namespace Enforcement.Functions.Inbox;

/// <summary>Section "Inbox".</summary>
internal sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>The longest long poll: the Functions host proxy drops connections idle for 240 s; mobile networks sooner.</summary>
    public const int MaxWaitSeconds = 30;

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>How often a waiting call re-reads its partitions, for deliveries made by other instances.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an urgent item that asks for acknowledgement waits before its office's supervisors are told,
    /// and again after each window (a group may set its own).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan EscalationWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest visibility delay of an escalation message (the queue allows 7 days); a message that comes
    /// back before its time is sent again with the rest of the delay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "6.23:59:00")]
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
}
