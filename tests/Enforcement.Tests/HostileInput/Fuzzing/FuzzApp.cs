using System.Text;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.HostileInput.Fuzzing;

/// <summary>
/// The app the fuzz suite walks: rate limits out of the way (thousands of requests from one caller), a 1 MiB photo
/// limit, and one record of each kind to aim at. With <c>crashingBodyReader</c>, a body holding an escaped lone
/// surrogate makes reading the body throw an exception nobody handles, as the old reader did: the suite must catch it.
/// </summary>
public sealed class FuzzApp : EnforcementApp
{
    private readonly bool _crashingBodyReader;

    private FuzzApp(TestAzurite.Instance azurite, bool crashingBodyReader)
        : base(azurite, new Dictionary<string, string?>
        {
            ["Security:PermitsPerMinute"] = "10000000",
            ["Security:AnonymousPermitsPerMinute"] = "10000000",
            ["Photos:MaxBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Critical",
            ["Logging:LogLevel:Enforcement"] = "Critical",
        }) => _crashingBodyReader = crashingBodyReader;

    public FuzzTargets Targets { get; private set; } = null!;

    public static async Task<FuzzApp> StartAsync(bool crashingBodyReader)
    {
        var app = await StartServerAsync(new FuzzApp(await TestAzurite.GetAsync(), crashingBodyReader));
        using var supervisor = app.ClientAs("supervisor", "PKKHI");
        app.Targets = new FuzzTargets(await supervisor.RecordSeizureAsync(), await supervisor.RecordSuspectAsync(), await supervisor.RecordCompanyAsync());
        return app;
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        if (_crashingBodyReader)
        {
            services.AddSingleton<IStartupFilter>(new CrashingBodyReader());
        }
    }

    private sealed class CrashingBodyReader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
                {
                    using var copy = new MemoryStream();
                    await context.Request.Body.CopyToAsync(copy);
                    var bytes = copy.ToArray();
                    context.Request.Body = Encoding.UTF8.GetString(bytes).Contains("\\ud800", StringComparison.OrdinalIgnoreCase)
                        ? new ThrowingStream()
                        : new MemoryStream(bytes);
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>What the deserializer did with a lone surrogate: an exception type the body reader did not catch.</summary>
    private sealed class ThrowingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string. Invalid surrogate value: '0xD800'.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string. Invalid surrogate value: '0xD800'.");
    }
}
