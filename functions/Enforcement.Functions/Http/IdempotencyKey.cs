using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Enforcement.Functions.Http;

/// <summary>
/// The request's <c>Idempotency-Key</c> header, bound by taking it as a handler parameter. An endpoint that does so
/// also gets the check: a key longer than <see cref="MaxLength"/> or with characters outside printable ASCII is a 400
/// problem naming the header before the handler runs, so handlers only ever see a valid key or none.
/// </summary>
internal sealed record IdempotencyKey(string? Value, bool IsValid) : IEndpointParameterMetadataProvider
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    public static ValueTask<IdempotencyKey?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var value = context.Request.Headers[HeaderName].ToString();
        var valid = value.Length <= MaxLength && value.All(c => c is >= (char)0x20 and <= (char)0x7e);
        return ValueTask.FromResult<IdempotencyKey?>(new IdempotencyKey(value.Length == 0 ? null : value, valid));
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.FilterFactories.Add((_, next) => async invocation =>
            invocation.Arguments.OfType<IdempotencyKey>().Any(k => !k.IsValid)
                ? Problems.Invalid(new Dictionary<string, string[]>
                {
                    [HeaderName] = [$"Must be 1 to {MaxLength} printable ASCII characters (a UUID is ideal)."],
                })
                : await next(invocation));
}
