using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Cases;

/// <summary>
/// One app per case test class, with a clock the tests move forward (<see cref="EnforcementApp.Clock"/>). Deadline
/// messages are delayed by at most a second (Cases:MaxMessageDelay). The local listener of "CaseDeadline" is off here
/// (every case opened by the other classes would otherwise keep a 180-day clock cycling through the queue); the
/// deadline tests use <see cref="CaseDeadlineApp"/>, where it runs as it does in the host.
/// </summary>
public class CaseApp : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private Host? _app;

    public TestClock Clock => App.Clock;

    /// <summary>Whether the "CaseDeadline" queue function listens, as in the host.</summary>
    protected virtual bool DeadlineListener => false;

    public EnforcementApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>A supervisor of Karachi port (PKKHI).</summary>
    public HttpClient Supervisor => As("supervisor", "PKKHI", "sup-pkkhi");

    public HttpClient Analyst => As("analyst", null, "analyst-1");

    public HttpClient As(string role, string? office, string subject)
    {
        lock (_clients)
        {
            var key = $"{role}|{office}|{subject}";
            if (!_clients.TryGetValue(key, out var client))
            {
                _clients[key] = client = App.ClientAs(role, office, subject: subject);
            }

            return client;
        }
    }

    public virtual async Task InitializeAsync() => _app = await Host.StartAsync(DeadlineListener);

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed class Host : EnforcementApp
    {
        private Host(TestAzurite.Instance azurite, bool deadlineListener)
            : base(azurite, Settings(deadlineListener))
        {
        }

        public static async Task<Host> StartAsync(bool deadlineListener) => await StartServerAsync(new Host(await TestAzurite.GetAsync(), deadlineListener));

        private static Dictionary<string, string?> Settings(bool deadlineListener)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Cases:MaxMessageDelay"] = "00:00:01",
                ["Cases:DeadlineWarning"] = "5.00:00:00",
            };
            if (!deadlineListener)
            {
                settings["LocalTriggers:DisabledFunctions:0"] = "CaseDeadline";
            }

            return settings;
        }
    }
}

/// <summary>A case app whose "CaseDeadline" function listens on its queue, as in the host.</summary>
public sealed class CaseDeadlineApp : CaseApp
{
    protected override bool DeadlineListener => true;
}
