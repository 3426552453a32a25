namespace Enforcement.Tests.Infrastructure;

/// <summary>One app (and storage prefix) per test class; subclasses add settings.</summary>
public class AppFixture : IAsyncLifetime
{
    private EnforcementApp? _app;

    public EnforcementApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    public HttpClient Client { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _app = await EnforcementApp.StartAsync(Settings);
        Client = _app.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
