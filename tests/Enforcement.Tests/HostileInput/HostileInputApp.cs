using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.HostileInput;

/// <summary>The app with a short body idle timeout, no rate limit in the way, and one record of each kind to aim at.</summary>
public class HostileInputApp : AppFixture
{
    public const int IdleTimeoutSeconds = 2;
    public const string Office = "PKKHI-APFT";

    public string SeizureId { get; private set; } = string.Empty;

    public string SuspectId { get; private set; } = string.Empty;

    public string CompanyId { get; private set; } = string.Empty;

    public HttpClient Admin { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RequestLimits:BodyIdleTimeoutSeconds"] = IdleTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:PermitsPerMinute"] = "1000000",
        ["Security:AnonymousPermitsPerMinute"] = "1000000",
        ["Photos:MaxBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = App.ClientAs("admin");
        SeizureId = await Client.RecordSeizureAsync(Office);
        SuspectId = await Client.RecordSuspectAsync();
        CompanyId = await Client.RecordCompanyAsync();
    }

    /// <summary>The client allowed to call each JSON endpoint by its role.</summary>
    public HttpClient ClientFor(string role) => role == "admin" ? Admin : Client;
}
