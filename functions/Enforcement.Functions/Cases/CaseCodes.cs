using System.Collections.Frozen;

namespace Enforcement.Functions.Cases;

/// <summary>The code lists of a case and its two axes: work status and legal stage, with the moves each allows.</summary>
internal static class CaseCodes
{
    public static readonly string[] Priorities = ["low", "medium", "high", "critical"];

    /// <summary>Law-enforcement handling codes (domain primer): H1 is not for judicial use without the originator's permission.</summary>
    public static readonly string[] HandlingCodes = ["H0", "H1", "H2", "H3"];

    public const string NotForJudicialUse = "H1";

    public static class Status
    {
        public const string New = "new";
        public const string InProgress = "in-progress";
        public const string Closed = "closed";
    }

    public static readonly string[] Statuses = [Status.New, Status.InProgress, Status.Closed];

    public static readonly string[] Resolutions = ["substantiated", "not-substantiated", "duplicate", "referred-to-other-agency"];

    public static readonly FrozenDictionary<string, string[]> StatusMoves = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Status.New] = [Status.InProgress],
        [Status.InProgress] = [Status.Closed],
        [Status.Closed] = [],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static class Stage
    {
        public const string Detected = "detected";
        public const string Seized = "seized";
        public const string InvestigationConcluded = "investigation-concluded";
        public const string ShowCauseIssued = "show-cause-issued";
        public const string ComplaintFiled = "complaint-filed";
        public const string ClosedWithoutAction = "closed-without-action";
        public const string Adjudicated = "adjudicated";
        public const string Prosecution = "prosecution";
        public const string CourtDecided = "court-decided";
    }

    public static readonly string[] Stages =
    [
        Stage.Detected, Stage.Seized, Stage.InvestigationConcluded, Stage.ShowCauseIssued, Stage.ComplaintFiled,
        Stage.ClosedWithoutAction, Stage.Adjudicated, Stage.Prosecution, Stage.CourtDecided,
    ];

    /// <summary>detected → seized → investigation-concluded → show-cause-issued | complaint-filed | closed-without-action
    /// → adjudicated → prosecution → court-decided. A complaint goes to adjudication or straight to prosecution.</summary>
    public static readonly FrozenDictionary<string, string[]> StageMoves = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Stage.Detected] = [Stage.Seized],
        [Stage.Seized] = [Stage.InvestigationConcluded],
        [Stage.InvestigationConcluded] = [Stage.ShowCauseIssued, Stage.ComplaintFiled, Stage.ClosedWithoutAction],
        [Stage.ShowCauseIssued] = [Stage.Adjudicated],
        [Stage.ComplaintFiled] = [Stage.Adjudicated, Stage.Prosecution],
        [Stage.ClosedWithoutAction] = [],
        [Stage.Adjudicated] = [Stage.Prosecution],
        [Stage.Prosecution] = [Stage.CourtDecided],
        [Stage.CourtDecided] = [],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Alerts a case may be opened from (links of kind "alert", made only when opening).</summary>
    public const int MaxAlerts = 10;

    public static readonly string[] LinkKinds = ["seizure", "suspect", "company", "photo", "conveyance"];

    public static readonly string[] JournalKinds = ["note", "decision", "interview", "correction"];

    public static readonly string[] TaskStatuses = ["open", "in-progress", "done", "cancelled"];

    public static readonly string[] DocumentContentTypes = ["application/pdf", "image/jpeg", "image/png"];

    public const int MaxTitle = 200;
    public const int MaxText = 8000;
    public const int MaxShortText = 500;
    public const int MaxSubject = 128;
    public const int MaxTeam = 20;
    public const int MaxSeizures = 50;
}
