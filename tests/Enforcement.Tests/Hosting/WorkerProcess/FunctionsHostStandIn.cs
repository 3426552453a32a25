using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Enforcement.Tests.Hosting.WorkerProcess.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Enforcement.Tests.Hosting.WorkerProcess;

/// <summary>
/// A test stand-in for the Azure Functions host's side of the .NET isolated worker protocol, since Core Tools cannot
/// be installed here. It serves FunctionRpc.EventStream over HTTP/2 on loopback, launches the app as the host does
/// (worker.config.json, the host's command-line arguments, app settings as environment variables), runs the start-up
/// handshake (init, metadata, load), sends invocations, and has a front door that forwards /api/* to the worker's own
/// HTTP server with an x-ms-invocation-id header, the way the host's HTTP proxy does.
/// </summary>
public sealed class FunctionsHostStandIn : FunctionRpc.FunctionRpcBase, IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private readonly Channel<StreamingMessage> _toWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _awaitingReply = new();
    private readonly TaskCompletionSource _streamStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpMessageInvoker _forwarding = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
    private readonly ConcurrentQueue<string> _output = new();
    private WebApplication? _rpcServer;
    private WebApplication? _frontDoor;
    private Process? _worker;
    private Uri? _workerHttp;

    public IReadOnlyList<RpcFunctionMetadata> Functions { get; private set; } = [];

    /// <summary>The host's public HTTP endpoint: requests under /api/ are forwarded to the HttpApi function.</summary>
    public Uri FrontDoor { get; private set; } = null!;

    /// <summary>What the worker logged over the stream and printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public async Task StartAsync(string appDirectory, IDictionary<string, string?> appSettings)
    {
        _rpcServer = await StartServerAsync(builder =>
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
            builder.Services.AddSingleton(this);
        }, app => app.MapGrpcService<FunctionsHostStandIn>());
        var rpcUri = Address(_rpcServer);

        _worker = Launch(appDirectory, rpcUri, appSettings);
        await _streamStarted.Task.WaitAsync(ReplyTimeout);

        var init = await RequestAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.1044.0", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory },
        });
        EnsureSucceeded(init.WorkerInitResponse.Result, "worker init");
        _workerHttp = new Uri(init.WorkerInitResponse.Capabilities["HttpUri"]);

        var metadata = await RequestAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } });
        EnsureSucceeded(metadata.FunctionMetadataResponse.Result, "function metadata");
        Functions = [.. metadata.FunctionMetadataResponse.FunctionMetadataResults];
        foreach (var function in Functions)
        {
            function.Directory = appDirectory;
            var load = await RequestAsync(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function } });
            EnsureSucceeded(load.FunctionLoadResponse.Result, $"loading {function.Name}");
        }

        await WaitUntilListeningAsync(_workerHttp);

        _frontDoor = await StartServerAsync(builder =>
        {
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, 0);
                k.Limits.MaxRequestBodySize = null;
            });
            builder.Services.AddHttpForwarder();
        }, app => app.Map("/api/{**path}", ForwardAsync));
        FrontDoor = Address(_frontDoor);
    }

    /// <summary>The worker names its HTTP address during init, before its server necessarily listens; requests are
    /// forwarded only once it accepts connections (a loaded machine can take seconds).</summary>
    private static async Task WaitUntilListeningAsync(Uri address)
    {
        var deadline = DateTime.UtcNow + ReplyTimeout;
        while (true)
        {
            using var probe = new System.Net.Sockets.TcpClient();
            try
            {
                await probe.ConnectAsync(address.Host, address.Port).WaitAsync(TimeSpan.FromSeconds(5));
                return;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>A queue message as the host hands it over: the text as a string, the message's facts as trigger metadata.</summary>
    public Task<InvocationResponse> InvokeQueueAsync(string function, string message, long dequeueCount = 1)
    {
        var invocation = NewInvocation(function);
        invocation.InputData.Add(new ParameterBinding { Name = "message", Data = new TypedData { String = message } });
        invocation.TriggerMetadata.Add("DequeueCount", new TypedData { Json = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        invocation.TriggerMetadata.Add("Id", new TypedData { String = Guid.NewGuid().ToString() });
        return InvokeAsync(invocation);
    }

    public Task<InvocationResponse> InvokeTimerAsync(string function)
    {
        var invocation = NewInvocation(function);
        invocation.InputData.Add(new ParameterBinding { Name = "timer", Data = new TypedData { Json = """{"IsPastDue":false}""" } });
        return InvokeAsync(invocation);
    }

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder)
    {
        var invocation = NewInvocation("HttpApi");
        invocation.InputData.Add(new ParameterBinding
        {
            Name = "req",
            Data = new TypedData { Http = new RpcHttp { Method = context.Request.Method, Url = context.Request.GetEncodedUrl() } },
        });
        var completed = InvokeAsync(invocation);
        context.Request.Headers["x-ms-invocation-id"] = invocation.InvocationId;
        var error = await forwarder.SendAsync(context, _workerHttp!.ToString(), _forwarding, new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(240) });
        if (error != ForwarderError.None)
        {
            _output.Enqueue($"forwarding failed: {error} {context.GetForwarderErrorFeature()?.Exception?.Message}");
        }

        await completed;
    }

    private static InvocationRequest NewInvocation(string function, IReadOnlyList<RpcFunctionMetadata> functions) =>
        new()
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = functions.Single(f => f.Name == function).FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01", TraceState = string.Empty },
        };

    private InvocationRequest NewInvocation(string function) => NewInvocation(function, Functions);

    private async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation) =>
        (await RequestAsync(new StreamingMessage { InvocationRequest = invocation }, invocation.InvocationId)).InvocationResponse;

    private Task<StreamingMessage> RequestAsync(StreamingMessage message, string? replyKey = null)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaitingReply[replyKey ?? message.RequestId] = reply;
        _toWorker.Writer.TryWrite(message);
        return reply.Task.WaitAsync(ReplyTimeout);
    }

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var sending = Task.Run(async () =>
        {
            await foreach (var message in _toWorker.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(message);
            }
        });

        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            switch (message.ContentCase)
            {
                case StreamingMessage.ContentOneofCase.StartStream:
                    _streamStarted.TrySetResult();
                    break;
                case StreamingMessage.ContentOneofCase.RpcLog:
                    _output.Enqueue($"{message.RpcLog.Level} {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                    break;
                case StreamingMessage.ContentOneofCase.InvocationResponse:
                    Reply(message.InvocationResponse.InvocationId, message);
                    break;
                default:
                    Reply(message.RequestId, message);
                    break;
            }
        }

        await sending;
    }

    private void Reply(string key, StreamingMessage message)
    {
        if (_awaitingReply.TryRemove(key, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }

    /// <summary>As the host launches a .NET isolated worker: the command from worker.config.json ("dotnet" and the
    /// worker assembly) with the host's arguments, in the app directory, app settings as environment variables.</summary>
    private Process Launch(string appDirectory, Uri rpcUri, IDictionary<string, string?> appSettings)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(appDirectory, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");
        var executable = description.GetProperty("defaultExecutablePath").GetString()!.Replace("{WorkerRoot}", appDirectory.TrimEnd('/') + "/", StringComparison.Ordinal);
        var start = new ProcessStartInfo(executable) { WorkingDirectory = appDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (executable == "dotnet")
        {
            start.ArgumentList.Add(Path.Combine(appDirectory, description.GetProperty("defaultWorkerPath").GetString()!));
        }

        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        foreach (var argument in new[]
        {
            "--host", rpcUri.Host, "--port", rpcUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--workerId", workerId, "--requestId", requestId,
            "--grpcMaxMessageLength", "2147483647", "--functions-uri", rpcUri.AbsoluteUri, "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", "2147483647",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        foreach (var (name, value) in appSettings)
        {
            start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void EnsureSucceeded(StatusResult result, string step)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker failed {step}: {result.Exception?.Message}\n{Output}");
        }
    }

    private static async Task<WebApplication> StartServerAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public async ValueTask DisposeAsync()
    {
        if (_worker is { HasExited: false })
        {
            _toWorker.Writer.TryWrite(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) } });
            if (!_worker.WaitForExit(5000))
            {
                _worker.Kill(entireProcessTree: true);
            }
        }

        _worker?.Dispose();
        foreach (var server in new[] { _frontDoor, _rpcServer })
        {
            if (server is not null)
            {
                await server.StopAsync();
                await server.DisposeAsync();
            }
        }

        _forwarding.Dispose();
    }
}
