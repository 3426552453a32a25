using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Photos;

/// <summary>A photo whose processing could not be queued after its record was written is still processed: the
/// outbox relay queues it.</summary>
public sealed class PhotoOutboxTests(PhotoOutboxTests.RelayPhotoApp fixture) : IClassFixture<PhotoOutboxTests.RelayPhotoApp>
{
    /// <summary>The relay runs when the test invokes it as the Functions host would, not on the local timer.</summary>
    public sealed class RelayPhotoApp : PhotoApp
    {
        protected override IEnumerable<string> DisabledFunctions => ["OutboxRelay"];

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Outbox:RelayAfter"] = "00:00:00";
                return settings;
            }
        }
    }

    [Fact]
    public async Task APhotoWhoseProcessingWasNotQueuedIsQueuedByTheRelayAndProcessed()
    {
        var seizureId = await fixture.NewSeizureAsync();
        var queue = fixture.App.Queue(StorageNames.Queues.PhotoProcessing);
        await queue.DeleteAsync();

        var upload = await fixture.Client.PostPhotoAsync(seizureId, TestPhotos.Jpeg(seed: 41));

        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var photoId = (await upload.ReadObjectAsync())["id"]!.GetValue<string>();
        var pending = await fixture.App.Table(StorageNames.Tables.Outbox).QueryAsync<OutboxEntry>(e => e.PartitionKey == DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToListAsync();
        Assert.Contains(pending, e => e.RecordId == $"{seizureId}/{photoId}" && e.Queue == StorageNames.Queues.PhotoProcessing);

        await queue.CreateAsync();
        var relay = await fixture.App.InvokeTimerFunctionAsync("OutboxRelay");

        Assert.True(relay.Succeeded, relay.ToString());
        var photo = await fixture.Client.ReadyPhotoAsync(seizureId, photoId);
        Assert.Equal("ready", photo["status"]!.GetValue<string>());
    }
}
