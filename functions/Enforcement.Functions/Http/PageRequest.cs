using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Http;

/// <summary>
/// The paging query every listing takes, bound with <c>[AsParameters]</c>: <c>limit</c> (a whole number, 1 to the
/// listing's maximum) and <c>continuationToken</c> (opaque, exactly as a previous page returned it).
/// </summary>
internal sealed class PageRequest
{
    public const int DefaultSize = 50;
    public const int MaxSize = 100;

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "continuationToken")]
    public string? ContinuationToken { get; init; }

    /// <summary>The page asked for; a bad limit or token is added to <paramref name="errors"/> under its own name.</summary>
    public Page Read(IDictionary<string, string[]> errors, int defaultSize = DefaultSize, int maxSize = MaxSize)
    {
        var size = defaultSize;
        if (Limit is not null && (!int.TryParse(Limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size < 1 || size > maxSize))
        {
            errors["limit"] = [$"Must be a whole number from 1 to {maxSize}."];
        }

        var token = Http.ContinuationToken.Decode(ContinuationToken);
        if (ContinuationToken is not null && token is null)
        {
            errors["continuationToken"] = ["Is not a token this API returned."];
        }

        return new Page(size, token);
    }
}

/// <summary>A page to read: its size and the storage continuation token (null for the first page).</summary>
internal readonly record struct Page(int Size, string? StorageToken);
