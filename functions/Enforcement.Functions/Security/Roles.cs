namespace Enforcement.Functions.Security;

/// <summary>The roles of the claim "role" (Entra ID app roles arrive as "roles" and are folded into it).</summary>
internal static class Roles
{
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Analyst = "analyst";
    public const string Rilo = "rilo";
    public const string Partner = "partner";
    public const string Admin = "admin";

    public static readonly string[] All = [Officer, Supervisor, Analyst, Rilo, Partner, Admin];
}

/// <summary>Every endpoint names one of these; a test fails when an endpoint has none.</summary>
internal static class Policies
{
    /// <summary>Officers and supervisors (with an office claim) record seizures.</summary>
    public const string RecordSeizures = "seizures:record";

    /// <summary>Officers and supervisors of the record's office, and analysts, read seizures.</summary>
    public const string ReadSeizures = "seizures:read";

    /// <summary>Officers (their own records) and supervisors (their office's records) correct seizures.</summary>
    public const string CorrectSeizures = "seizures:correct";

    /// <summary>Partners manage their own webhook subscriptions; admins manage all.</summary>
    public const string ManageWebhooks = "webhooks:manage";

    /// <summary>Analysts (everyone), officers and supervisors (persons linked to their office's seizures) read suspects
    /// and companies, their links and networks.</summary>
    public const string ReadPersons = "persons:read";

    /// <summary>Officers and supervisors record and correct suspects and companies and link them to their office's seizures.</summary>
    public const string WritePersons = "persons:write";

    /// <summary>Officers and supervisors (of the seizure's office, checked per record) and analysts add photos.</summary>
    public const string AddPhotos = "photos:add";

    /// <summary>Supervisors (of the seizure's office, checked per record) withdraw photos.</summary>
    public const string WithdrawPhotos = "photos:withdraw";

    /// <summary>API keys, audit trail, rebuilds and maintenance.</summary>
    public const string Administer = "admin";

    /// <summary>Supervisors (for their office) and analysts open cases from seizures.</summary>
    public const string OpenCases = "cases:open";

    /// <summary>Analysts (every case), officers and supervisors of the owning office and named team members read and
    /// work on cases (checked per case); stage, status and assignment changes need a supervisor, an analyst or the lead.</summary>
    public const string WorkOnCases = "cases:work";

    /// <summary>Analysts (all offices) and supervisors (their office) read case duration metrics.</summary>
    public const string ReadCaseMetrics = "cases:metrics";
    /// <summary>Officers and supervisors (with an office), analysts and RILOs (with a region) receive and read alerts,
    /// their inbox and the groups they are members of.</summary>
    public const string Communicate = "communication:use";

    /// <summary>Analysts, supervisors and RILOs (for their region) publish alerts.</summary>
    public const string PublishAlerts = "alerts:publish";

    /// <summary>Analysts and supervisors own operation groups; admins see that groups exist (never their content).</summary>
    public const string ManageGroups = "groups:manage";

    /// <summary>Members list and read their groups; admins see that groups exist.</summary>
    public const string ReadGroups = "groups:read";

    /// <summary>RILOs (their region's feed only), analysts and admins pull the monthly intelligence feed.</summary>
    public const string ReadFeeds = "feeds:read";

    /// <summary>Admins (every office) and supervisors (rows of their office) import legacy seizures.</summary>
    public const string RunImports = "imports:run";

    /// <summary>Analysts, admins, supervisors (their office's reports) and RILOs (their region's) read statistics,
    /// charts and the BI export: aggregates only, never nominal data.</summary>
    public const string ReadStatistics = "statistics:read";
    /// <summary>Officers, supervisors and analysts look up conveyances, validate identifiers, screen and report
    /// examination results (nominal hit details only to analysts).</summary>
    public const string UseTargeting = "targeting:use";

    /// <summary>Analysts keep watch lists and risk rules, judge conveyance candidates and suppress false positives.</summary>
    public const string AnalyseTargeting = "targeting:analyse";
}

internal static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string EntraRoles = "roles";
    public const string Office = "office";
    public const string Region = "region";
    public const string ApiKeyId = "api_key_id";
    public const string ObjectId = "oid";
}
