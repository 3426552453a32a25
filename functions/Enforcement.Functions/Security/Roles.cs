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

    /// <summary>RILOs (their region's feed only), analysts and admins pull the monthly intelligence feed.</summary>
    public const string ReadFeeds = "feeds:read";

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
