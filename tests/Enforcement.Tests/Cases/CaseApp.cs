using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Cases;

/// <summary>
/// One app per case test class, with a clock the tests move forward. Deadline messages are delayed by at most a second
/// (Cases:MaxMessageDelay), and the local listener of "CaseDeadline" is off: tests take the messages off the queue
/// themselves and hand them to the function as the host would (FunctionInvocations).
/// </summary>
public sealed class CaseApp : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private Host? _app;

    public TestClock Clock { get; } = new();

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

    public async Task InitializeAsync() => _app = await Host.StartAsync(Clock);

    public async Task DisposeAsync()
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
        private readonly TestClock _clock;

        private Host(TestAzurite.Instance azurite, TestClock clock)
            : base(azurite, new Dictionary<string, string?>
            {
                ["Cases:MaxMessageDelay"] = "00:00:01",
                ["Cases:DeadlineWarning"] = "5.00:00:00",
                ["LocalTriggers:DisabledFunctions:0"] = "CaseDeadline",
            }) => _clock = clock;

        public static async Task<Host> StartAsync(TestClock clock) => await StartServerAsync(new Host(await TestAzurite.GetAsync(), clock));

        protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);
    }
}
