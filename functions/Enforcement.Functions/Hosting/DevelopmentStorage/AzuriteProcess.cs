using System.Diagnostics;
using System.Net.Sockets;

namespace Enforcement.Functions.Hosting.DevelopmentStorage;

/// <summary>
/// Starts the Azurite pinned in the repository's package.json (installing it with npm when node_modules lacks it)
/// on 127.0.0.1, and stops it with its process tree. Used by the standalone app and by the tests.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteProcess(Process process, AzuriteStartOptions options)
    {
        _process = process;
        Options = options;
    }

    public AzuriteStartOptions Options { get; }

    public static async Task<AzuriteProcess> StartAsync(AzuriteStartOptions options, CancellationToken cancellationToken)
    {
        var root = FindToolsRoot(options.SearchFrom)
            ?? throw new InvalidOperationException(
                $"Cannot find the repository's package.json (with azurite) above '{options.SearchFrom}'. Start Azurite yourself or set AzureWebJobsStorage to a storage account.");
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            await InstallAsync(root, cancellationToken);
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in options.Arguments(root))
        {
            start.ArgumentList.Add(argument);
        }

        if (options.Accounts is not null)
        {
            start.Environment["AZURITE_ACCOUNTS"] = options.Accounts;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, options);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await AllPortsAnswerAsync(options, cancellationToken))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                throw new InvalidOperationException($"Azurite did not start on ports {options.BlobPort}/{options.QueuePort}/{options.TablePort}: {log}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return azurite;
    }

    public static async Task<bool> AllPortsAnswerAsync(AzuriteStartOptions options, CancellationToken cancellationToken)
    {
        foreach (var port in new[] { options.BlobPort, options.QueuePort, options.TablePort })
        {
            if (!await PortAnswersAsync(port, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> PortAnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The folder whose package.json pins azurite: the repository root.</summary>
    public static string? FindToolsRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var packageJson = Path.Combine(dir.FullName, "package.json");
            if (File.Exists(packageJson) && File.ReadAllText(packageJson).Contains("\"azurite\"", StringComparison.Ordinal))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static async Task InstallAsync(string root, CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js")))
            {
                return;
            }

            var useLockFile = File.Exists(Path.Combine(root, "package-lock.json"));
            var install = new ProcessStartInfo("npm")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { useLockFile ? "ci" : "install", "--no-audit", "--no-fund" })
            {
                install.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(install) ?? throw new InvalidOperationException("Could not start npm to install Azurite.");
            var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"'npm {install.ArgumentList[0]}' in {root} failed ({npm.ExitCode}): {await stderr}{await stdout}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}

internal sealed record AzuriteStartOptions(string SearchFrom, int BlobPort = 10000, int QueuePort = 10001, int TablePort = 10002)
{
    /// <summary>Null keeps data in memory (tests); otherwise a folder below the repository root.</summary>
    public string? DataFolder { get; init; }

    /// <summary>AZURITE_ACCOUNTS ("name:key"), so that tests can tell their own instance from anyone else's.</summary>
    public string? Accounts { get; init; }

    public IEnumerable<string> Arguments(string root)
    {
        yield return "--silent";
        yield return "--skipApiVersionCheck";
        yield return "--disableTelemetry";
        foreach (var (service, port) in new[] { ("blob", BlobPort), ("queue", QueuePort), ("table", TablePort) })
        {
            yield return $"--{service}Host";
            yield return "127.0.0.1";
            yield return $"--{service}Port";
            yield return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (DataFolder is null)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            yield return "--location";
            yield return Path.Combine(root, DataFolder);
        }
    }
}
