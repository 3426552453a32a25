using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Feeds;

/// <summary>Builds feeds the way the Functions host would (one FeedBuild invocation) and reads what they hold.</summary>
internal static class FeedTestKit
{
    /// <summary>The feed functions are driven by the tests, never by the app's own listener or timer.</summary>
    public static Dictionary<string, string?> HostDrivenFeeds(params string[] moreDisabled)
    {
        var settings = new Dictionary<string, string?>();
        var disabled = new[] { "FeedBuild", "FeedBuilder" }.Concat(moreDisabled).ToList();
        for (var i = 0; i < disabled.Count; i++)
        {
            settings[$"LocalTriggers:DisabledFunctions:{i}"] = disabled[i];
        }

        return settings;
    }

    public static async Task BuildAsync(this EnforcementApp app, string month)
    {
        var message = new JsonObject { ["month"] = month, ["reason"] = "test", ["requestedAt"] = DateTimeOffset.UtcNow }.ToJsonString();
        var outcome = await app.InvokeQueueFunctionAsync("FeedBuild", message);
        Assert.True(outcome.Succeeded, $"FeedBuild {outcome}");
    }

    public static async Task<string> RecordAsync(this EnforcementApp app, JsonObject seizure, string? subject = null)
    {
        using var officer = app.ClientAs("officer", seizure["office"]!.GetValue<string>(), subject: subject);
        var response = await officer.PostSeizureAsync(seizure);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
    }

    /// <summary>A valid seizure with the given route, at the given time (offset +05:00), in a month of its own.</summary>
    public static JsonObject Seizure(string seizedAt, string? departure, string? destination, params string[] transit)
    {
        var seizure = SeizureSamples.Valid(seizedAt: seizedAt);
        seizure["route"] = departure is null && destination is null && transit.Length == 0
            ? null
            : new JsonObject
            {
                ["departureCountry"] = departure,
                ["transitCountries"] = new JsonArray(transit.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
                ["destinationCountry"] = destination,
            };
        return seizure;
    }

    public static string PseudonymOf(string key, string seizureId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(seizureId))[..16]);

    public static IEnumerable<JsonObject> JsonLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject());

    /// <summary>Every blob the feeds container holds, every version of every scope: name, stored encoding and content
    /// bytes (decompressed when stored with Content-Encoding: gzip).</summary>
    public static async Task<List<(string Name, string? Encoding, byte[] Bytes)>> AllFeedBlobsAsync(this EnforcementApp app)
    {
        var container = app.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(app.Names.Container(StorageNames.Containers.Feeds));
        var blobs = new List<(string, string?, byte[])>();
        await foreach (var item in container.GetBlobsAsync())
        {
            var stored = (await container.GetBlobClient(item.Name).DownloadContentAsync()).Value;
            var encoding = stored.Details.ContentEncoding;
            var bytes = stored.Content.ToArray();
            blobs.Add((item.Name, encoding, encoding == "gzip" ? await GunzipAsync(bytes) : bytes));
        }

        return blobs;
    }

    public static async Task<byte[]> GunzipAsync(byte[] compressed)
    {
        await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain);
        return plain.ToArray();
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, CRLF and doubled quotes; lines end with CRLF.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', "A bare CR or LF outside quotes is not RFC 4180.");
                field.Append(c);
            }
        }

        Assert.True(row.Count == 0 && field.Length == 0, "The last record must end with CRLF.");
        return rows;
    }
}
