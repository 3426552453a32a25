using Enforcement.Functions.Storage;

namespace Enforcement.Functions.ApiDocs;

/// <summary>
/// Regular expressions for the identifiers and codes the server checks in code (SeizureId, PersonId, UnLocode, ...).
/// A test runs each against the server's own checks on accepted and refused samples, so the two cannot drift apart.
/// </summary>
internal static class ContractPatterns
{
    private const string Key = "[" + TimeOrderedKey.Alphabet + "]";

    public const string SeizureId = "^SZ-[0-9]{4}(0[1-9]|1[0-2])-" + Key + "{18}$";
    public const string SuspectId = "^SU-" + Key + "{18}$";
    public const string CompanyId = "^CO-" + Key + "{18}$";
    public const string PersonId = "^(SU|CO)-" + Key + "{18}$";
    public const string AnyRecordId = "^(SZ-[0-9]{6}-|SU-|CO-)" + Key + "{18}$";
    public const string PhotoId = "^PH-" + Key + "{18}$";
    public const string ImportJobId = "^IM-" + Key + "{18}$";
    public const string UploadId = "^[0-9a-f]{32}$";
    public const string SubscriptionId = "^wh_[a-km-np-z2-9]{16}$";
    public const string DeliveryId = "^msg_[0-9A-HJKMNP-TV-Z]{20}$";
    public const string ApiKeyId = "^[a-km-np-z2-9]{16}$";
    public const string AlertId = "^AL-" + Key + "{18}$";
    public const string GroupId = "^OP-" + Key + "{18}$";
    public const string ConveyanceId = "^CV-" + Key + "{18}$";
    public const string WatchListId = "^WL-" + Key + "{18}$";
    public const string WatchListEntryId = "^WE-" + Key + "{18}$";
    public const string RuleId = "^RR-" + Key + "{18}$";
    public const string DecisionId = "^DC-" + Key + "{18}$";

    /// <summary>A group message id, an inbox cursor: a time-ordered key.</summary>
    public const string MessageId = "^" + Key + "{18}$";

    /// <summary>What a read marker points at: an alert id or a group message id.</summary>
    public const string ReadMarkerTarget = "^(AL-)?" + Key + "{18}$";

    /// <summary>The id a client chooses for a message it sends (GroupValidator.IsClientMessageId).</summary>
    public const string ClientMessageId = "^[A-Za-z0-9._-]{1,64}$";

    /// <summary>A group member in a path: user:{subject} or office:{code}.</summary>
    public const string GroupMember = "^(user:[^\\u0000-\\u001F\\u007F]{1,256}|office:[A-Za-z]{2}[A-Za-z2-9]{3}(-[A-Za-z0-9]{1,10})?)$";

    /// <summary>ISO 639-1 language code.</summary>
    public const string Language = "^[a-z]{2}$";

    /// <summary>UN/LOCODE: a country code and three letters or digits 2-9 (the country is checked against ISO 3166-1).</summary>
    public const string UnLocode = "^[A-Z]{2}[A-Z2-9]{3}$";

    /// <summary>A customs office: a UN/LOCODE, optionally "-" and a unit of 1 to 10 letters or digits.</summary>
    public const string Office = "^[A-Z]{2}[A-Z2-9]{3}(-[A-Z0-9]{1,10})?$";

    /// <summary>ISO 6346: owner code, category U/J/Z, six digits and the check digit (checked by the server).</summary>
    public const string ContainerNumber = "^[A-Z]{3}[UJZ][0-9]{7}$";

    /// <summary>IMO ship number: seven digits, the last a check digit (checked by the server); "IMO" may precede it.</summary>
    public const string ImoNumber = "^(IMO ?)?[0-9]{7}$";

    /// <summary>Airline designator (two letters or digits) and 1 to 4 digits with an optional suffix letter.</summary>
    public const string FlightNumber = "^([A-Z][A-Z0-9]|[0-9][A-Z]) ?[0-9]{1,4}[A-Z]?$";

    /// <summary>HS code: 4 or 6 digits, dots and spaces allowed (stored without them).</summary>
    public const string HsCode = "^[0-9]{4}([. ]?[0-9]{2})?$";

    public const string Month = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    public const string Day = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

    /// <summary>RFC 3339 date-time with an offset (SeizureValidator's check).</summary>
    public const string DateTimeWithOffset = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?(Z|z|[+-][0-9]{2}:[0-9]{2})$";

    /// <summary>A date of birth: "YYYY-MM-DD", or "YYYY" when only the year is known.</summary>
    public const string DateOrYear = "^[0-9]{4}(-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$";

    public const string StrongETag = "^\"[0-9]+\"$";

    /// <summary>base64url, as every continuation token this API hands out.</summary>
    public const string ContinuationToken = "^[A-Za-z0-9_-]+$";

    public const string Sha256Hex = "^[0-9a-f]{64}$";

    /// <summary>E.164 as stored: "+", 8 to 15 digits.</summary>
    public const string PhoneNumber = "^\\+[1-9][0-9]{7,14}$";

    public const string WebhookSecret = "^whsec_[A-Za-z0-9+/]+={0,2}$";
    public const string ApiKey = "^enf\\.[a-km-np-z2-9]{16}\\.[A-Za-z0-9_-]{40,}$";
}
