using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Enforcement.Functions.Http;

/// <summary>
/// If-Match and If-None-Match read strictly (RFC 9110 §8.8.3): "*" or a list of quoted entity tags. A malformed
/// list is a 400 problem naming the header, not a silent mismatch that would look like a concurrent update.
/// </summary>
internal static class EntityTags
{
    /// <summary>Absent → an empty list; malformed → null.</summary>
    public static IReadOnlyList<string>? Parse(StringValues values)
    {
        if (StringValues.IsNullOrEmpty(values))
        {
            return [];
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var parsed) || parsed.Count == 0)
        {
            return null;
        }

        return parsed.Select(t => t == EntityTagHeaderValue.Any ? "*" : t.Tag.Value!).ToList();
    }

    /// <summary>The 304 test for GET: any listed tag (weak comparison) or "*" matches.</summary>
    public static bool Matches(IReadOnlyList<string> tags, string etag) => tags.Any(t => t == "*" || t == etag);

    public static ProblemHttpResult Malformed(string header) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"{header} is malformed",
            detail: $"{header} must be * or a comma-separated list of quoted entity tags, such as \"3\".",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [header] = ["Must be * or a list of quoted entity tags."] } });
}
