namespace Enforcement.Tests.Security;

/// <summary>What the role matrices share: a row of expected statuses, one per caller column, and the check of one cell
/// (the status, and a problem document for every refusal), failing with a message naming the caller and the route.</summary>
public static class RoleMatrix
{
    public static void AddRow(this TheoryData<string, string, string, int> data, IReadOnlyList<string> callers, string method, string path, params int[] statuses)
    {
        if (statuses.Length != callers.Count)
        {
            throw new ArgumentException($"{method} {path}: {statuses.Length} statuses for {callers.Count} callers.", nameof(statuses));
        }

        for (var i = 0; i < callers.Count; i++)
        {
            data.Add(callers[i], method, path, statuses[i]);
        }
    }

    public static async Task AssertCellAsync(HttpResponseMessage response, string caller, string method, string path, int expected)
    {
        var status = (int)response.StatusCode;
        Assert.True(expected == status, $"{caller} {method} {path}: expected {expected}, got {status} {(status >= 400 ? await response.Content.ReadAsStringAsync() : string.Empty)}");
        if (expected >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{caller} {method} {path}: {expected} answered as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not a problem");
        }
    }
}
