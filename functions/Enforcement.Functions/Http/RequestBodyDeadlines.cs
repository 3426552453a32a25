using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Http;

/// <summary>
/// Bounds how long a request body may take: every read must bring data within the idle timeout, and the whole body
/// must arrive before a deadline proportional to its length (<see cref="RequestLimitsOptions.BodyDeadlineFor"/>).
/// Either way the request ends with a 408 problem and the connection is closed, since the rest of the body will
/// not be read. Runs in the app's pipeline, so it holds whichever server received the request.
/// </summary>
internal sealed class RequestBodyDeadlines(RequestDelegate next, IOptions<RequestLimitsOptions> options, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var bodyFeature = context.Features.Get<IHttpRequestBodyDetectionFeature>();
        if (bodyFeature is { CanHaveBody: false })
        {
            await next(context);
            return;
        }

        var limits = options.Value;
        var deadline = time.GetUtcNow() + limits.BodyDeadlineFor(context.Request.ContentLength);
        context.Request.Body = new DeadlineStream(context.Request.Body, limits.BodyIdleTimeout, deadline, time);
        try
        {
            await next(context);
        }
        catch (BodyTooSlowException ex) when (!context.Response.HasStarted)
        {
            await WriteTimeoutAsync(context, ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout && !context.Response.HasStarted)
        {
            // Kestrel's own minimum data rate tripped first.
            await WriteTimeoutAsync(context, "The request body arrived too slowly.");
        }
    }

    private static async Task WriteTimeoutAsync(HttpContext context, string detail)
    {
        context.Response.Clear();
        context.Response.Headers.Connection = "close";
        await TypedResults.Problem(statusCode: StatusCodes.Status408RequestTimeout, title: "Request body timed out", detail: detail)
            .ExecuteAsync(context);
    }

    /// <summary>The request body, each read bounded by the idle timeout and the whole-body deadline.</summary>
    private sealed class DeadlineStream(Stream inner, TimeSpan idle, DateTimeOffset deadline, TimeProvider time) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new BodyTooSlowException(DeadlineMessage());
            }

            var wait = left < idle ? left : idle;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                return await inner.ReadAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BodyTooSlowException(left <= idle
                    ? DeadlineMessage()
                    : string.Create(CultureInfo.InvariantCulture, $"No part of the request body arrived for {idle.TotalSeconds:0} seconds."));
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Kestrel refuses synchronous reads unless a caller opted in; such a caller gets the idle check of the server.
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static string DeadlineMessage() =>
            "The request body did not arrive within its deadline (its length at the minimum upload rate); use an upload session on a slow link.";
    }
}

/// <summary>The body stopped arriving, or arrives too slowly to finish in time.</summary>
internal sealed class BodyTooSlowException(string message) : IOException(message);
