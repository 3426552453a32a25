namespace Enforcement.Tests.Infrastructure;

/// <summary>One app (and storage prefix) per test class; subclasses add settings.</summary>
public class AppFixture : IAsyncLifetime
{
    private EnforcementApp? _app;

    public EnforcementApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>A supervisor of the port of Karachi (office PKKHI covers every PKKHI-* unit).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>An analyst: reads every national record.</summary>
    public HttpClient Analyst { get; private set; } = null!;

    private readonly Dictionary<string, HttpClient> _supervisors = new(StringComparer.Ordinal);

    /// <summary>A supervisor whose office is the port (UN/LOCODE) of the given office code.</summary>
    public HttpClient SupervisorOf(string office)
    {
        var port = office.Split('-')[0];
        lock (_supervisors)
        {
            if (!_supervisors.TryGetValue(port, out var client))
            {
                _supervisors[port] = client = App.ClientAs("supervisor", port);
            }

            return client;
        }
    }

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _app = await EnforcementApp.StartAsync(Settings);
        Client = SupervisorOf("PKKHI");
        Analyst = _app.ClientAs("analyst");
    }

    public async Task DisposeAsync()
    {
        Analyst.Dispose();
        foreach (var client in _supervisors.Values)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
