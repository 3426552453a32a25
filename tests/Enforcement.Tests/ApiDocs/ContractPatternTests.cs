using System.Text.RegularExpressions;
using Enforcement.Functions.ApiDocs;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Webhooks;

namespace Enforcement.Tests.ApiDocs;

/// <summary>
/// The document's patterns against the server's own checks: everything the server accepts matches the pattern, and
/// malformed values the server refuses do not. (Check digits and code lists stay the server's: a pattern cannot say them.)
/// </summary>
public sealed class ContractPatternTests
{
    public static TheoryData<string, string, bool> Samples() => new()
    {
        { ContractPatterns.SeizureId, SeizureId.New("2026-11", DateTimeOffset.UtcNow).Value, true },
        { ContractPatterns.SeizureId, "SZ-202613-01KAQ3J6W2X8Y4Z5AB", false },
        { ContractPatterns.SeizureId, "SZ-202611-01KAQ3J6W2X8Y4Z5AI", false },
        { ContractPatterns.SeizureId, "SZ-202611-01KAQ3J6W2X8Y4Z5A", false },
        { ContractPatterns.SuspectId, PersonId.New(PersonKind.Suspect, DateTimeOffset.UtcNow).Value, true },
        { ContractPatterns.CompanyId, PersonId.New(PersonKind.Company, DateTimeOffset.UtcNow).Value, true },
        { ContractPatterns.PersonId, "SU-01KAQ3P4R5S6T7V8WO", false },
        { ContractPatterns.PhotoId, PhotoId.New(DateTimeOffset.UtcNow), true },
        { ContractPatterns.PhotoId, "PH-01KAQ3M1B7C9D2E4F", false },
        { ContractPatterns.UploadId, PhotoId.NewUploadId(), true },
        { ContractPatterns.SubscriptionId, WebhookKeys.NewSubscriptionId(), true },
        { ContractPatterns.SubscriptionId, "wh_k3m9x2p7q4r8s5t0", false },
        { ContractPatterns.DeliveryId, WebhookKeys.DeliveryId("SZ-202611-01KAQ3J6W2X8Y4Z5AB.v1", DateTimeOffset.UtcNow, "wh_k3m9x2p7q4r8s5t6"), true },
        { ContractPatterns.UnLocode, "PKKHI", true },
        { ContractPatterns.UnLocode, "AEJEA", true },
        { ContractPatterns.UnLocode, "PKKH1", false },
        { ContractPatterns.Office, "PKKHI-APFT", true },
        { ContractPatterns.Office, "PKKHI-", false },
        { ContractPatterns.ContainerNumber, "CSQU3054383", true },
        { ContractPatterns.ContainerNumber, "CSQX3054383", false },
        { ContractPatterns.ImoNumber, "9074729", true },
        { ContractPatterns.ImoNumber, "907472", false },
        { ContractPatterns.FlightNumber, "PK301", true },
        { ContractPatterns.FlightNumber, "9W1234A", true },
        { ContractPatterns.FlightNumber, "12345", false },
        { ContractPatterns.HsCode, "2403.11", true },
        { ContractPatterns.HsCode, "240311", true },
        { ContractPatterns.HsCode, "24031", false },
        { ContractPatterns.PhoneNumber, "+923001234567", true },
        { ContractPatterns.PhoneNumber, "+0923001234567", false },
        { ContractPatterns.ConveyanceId, "CV-" + Functions.Storage.TimeOrderedKey.New(DateTimeOffset.UtcNow), true },
        { ContractPatterns.ConveyanceId, "CV-01KAQ3J6W2X8Y4Z5AU", false },
        { ContractPatterns.WatchListId, "WL-" + Functions.Storage.TimeOrderedKey.New(DateTimeOffset.UtcNow), true },
        { ContractPatterns.WatchListEntryId, "WE-01KAQ3J6W2X8Y4Z5A", false },
        { ContractPatterns.RuleId, "RR-" + Functions.Storage.TimeOrderedKey.New(DateTimeOffset.UtcNow), true },
        { ContractPatterns.DecisionId, "DC-01KAQ3J6W2X8Y4Z5ABC", false },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void EachPatternAgreesWithTheServersCheck(string pattern, string value, bool serverAccepts)
    {
        var server = ServerAccepts(pattern, value);

        Assert.Equal(serverAccepts, server);
        Assert.Equal(serverAccepts, Regex.IsMatch(value, pattern));
    }

    private static bool ServerAccepts(string pattern, string value) => pattern switch
    {
        ContractPatterns.SeizureId => SeizureId.TryParse(value, out _),
        ContractPatterns.SuspectId or ContractPatterns.CompanyId or ContractPatterns.PersonId => PersonId.TryParse(value, out _),
        ContractPatterns.PhotoId => PhotoId.IsValid(value),
        ContractPatterns.UploadId => PhotoId.IsValidUploadId(value),
        ContractPatterns.SubscriptionId => WebhookKeys.IsSubscriptionId(value),
        ContractPatterns.DeliveryId => WebhookKeys.IsDeliveryId(value),
        ContractPatterns.UnLocode => UnLocode.IsWellFormed(value),
        ContractPatterns.Office => UnLocode.IsWellFormed(value.Split('-')[0]) && value.Split('-') is [_] or [_, { Length: > 0 and <= 10 }],
        ContractPatterns.ContainerNumber => ContainerNumber.IsValid(ContainerNumber.Normalize(value)),
        ContractPatterns.ImoNumber => ImoNumber.IsValid(ImoNumber.Normalize(value)),
        ContractPatterns.FlightNumber => FlightNumber.IsWellFormed(FlightNumber.Normalize(value)),
        ContractPatterns.HsCode => value.Replace(".", "", StringComparison.Ordinal) is { Length: 4 or 6 } digits && digits.All(char.IsAsciiDigit),
        ContractPatterns.PhoneNumber => PhoneNumber.IsE164(value),
        ContractPatterns.ConveyanceId => Functions.Conveyances.ConveyanceStore.IsId(value),
        ContractPatterns.WatchListId => Functions.WatchLists.WatchListStore.IsListId(value),
        ContractPatterns.WatchListEntryId => Functions.WatchLists.WatchListStore.IsEntryId(value),
        ContractPatterns.RuleId => Functions.RiskRules.RuleStore.IsId(value),
        ContractPatterns.DecisionId => Functions.Screening.ScreeningStore.IsDecisionId(value),
        _ => throw new ArgumentException("No server check for " + pattern),
    };
}
