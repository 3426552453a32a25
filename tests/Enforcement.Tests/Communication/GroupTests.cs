using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

public sealed class GroupTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    private HttpClient Owner => fixture.As("analyst", null, "analyst-owner");

    private HttpClient KarachiOfficer => fixture.As("officer", "PKKHI-APFT", "officer-khi");

    private HttpClient Outsider => fixture.As("officer", "PKLHE", "officer-lhe");

    [Fact]
    public async Task ANonMemberGetsNotFoundOnEveryGroupRoute()
    {
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group());
        var sent = await (await Owner.SendAsync(id, "m-1", CommunicationSamples.Message())).ReadObjectAsync();
        var messageId = sent["id"]!.GetValue<string>();

        var statuses = new[]
        {
            await Outsider.GetAsync($"/api/groups/{id}"),
            await Outsider.GetAsync($"/api/groups/{id}/messages"),
            await Outsider.SendAsync(id, "x-1", CommunicationSamples.Message()),
            await Outsider.PutAsJsonAsync($"/api/groups/{id}/read-marker", new { upTo = messageId }),
            await Outsider.PostAsync($"/api/groups/{id}/messages/{messageId}/ack", null),
            await Outsider.GetAsync($"/api/groups/{id}/messages/{messageId}/receipt"),
            await Outsider.GetAsync($"/api/groups/{id}/report"),
            await fixture.As("supervisor", "PKLHE", "supervisor-lhe").PutAsync($"/api/groups/{id}/members/office:PKLHE", null),
            await fixture.As("supervisor", "PKLHE", "supervisor-lhe").DeleteAsync($"/api/groups/{id}/members/office:PKKHI"),
        }.Select(r => r.StatusCode);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.OK, (await KarachiOfficer.GetAsync($"/api/groups/{id}/messages")).StatusCode);
    }

    [Fact]
    public async Task TheOwnerAddsAndRemovesMembersAndAJoinRequestReachesTheOwner()
    {
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group());
        var joined = await Outsider.PostAsync($"/api/groups/{id}/join-requests", null);
        var ownerView = await (await Owner.GetAsync($"/api/groups/{id}")).ReadObjectAsync();

        var added = await Owner.PutAsync($"/api/groups/{id}/members/user:officer-lhe", null);
        var afterAdd = await Outsider.GetAsync($"/api/groups/{id}/messages");
        var removed = await Owner.DeleteAsync($"/api/groups/{id}/members/user:officer-lhe");
        var afterRemove = await Outsider.GetAsync($"/api/groups/{id}/messages");
        var byMember = await KarachiOfficer.PutAsync($"/api/groups/{id}/members/office:PKLHE", null);

        Assert.Equal(HttpStatusCode.Accepted, joined.StatusCode);
        Assert.Equal(["officer-lhe"], ownerView["joinRequests"]!.AsArray().Select(j => j!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterAdd.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRemove.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
    }

    [Fact]
    public async Task ConcurrentRetriesOfASendStoreOneMessage()
    {
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => KarachiOfficer.SendAsync(id, "retry-1", CommunicationSamples.Message("same"))));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<string>()));
        var listed = (await (await Owner.GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync())["items"]!.AsArray();
        var other = await KarachiOfficer.SendAsync(id, "retry-1", CommunicationSamples.Message("different"));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(ids.Distinct());
        Assert.Single(listed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task AnH3MessageIsSeenOnlyByItsNamedMembers()
    {
        var members = new JsonObject { ["users"] = new JsonArray("officer-named"), ["offices"] = new JsonArray("PKKHI") };
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group(members: members));
        var sent = await Owner.SendAsync(id, "h3-1", CommunicationSamples.Message("for you only", handling: "H3", recipients: new JsonArray("officer-named")));

        var named = (await (await fixture.As("officer", "PKKHI", "officer-named").GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync())["items"]!.AsArray();
        var officeMember = (await (await KarachiOfficer.GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync())["items"]!.AsArray();
        var unnamed = await Owner.SendAsync(id, "h3-2", CommunicationSamples.Message("to an office", handling: "H3", recipients: new JsonArray("not-a-member")));

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Single(named);
        Assert.Empty(officeMember);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
    }

    [Fact]
    public async Task InvalidGroupsAndMessagesNameTheFieldAndStoreNothing()
    {
        var group = CommunicationSamples.Group(endsOn: "2025-12-31", handling: "H7");
        group["name"] = "";
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group());

        var badGroup = await Owner.PostAsJsonAsync("/api/groups", group);
        var empty = await Owner.SendAsync(id, "bad-1", CommunicationSamples.Message(""));
        var oversized = await Owner.SendAsync(id, "bad-2", CommunicationSamples.Message(new string('x', 4001)));
        var badHandling = await Owner.SendAsync(id, "bad-3", CommunicationSamples.Message(handling: "H4"));
        var unknownRef = await Owner.SendAsync(id, "bad-4", CommunicationSamples.Message(references: new JsonArray("SU-01M835XMJPM47W10JQ")));
        var listed = (await (await Owner.GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync())["items"]!.AsArray();

        Assert.Equal(HttpStatusCode.BadRequest, badGroup.StatusCode);
        Assert.Equal(["defaultHandling", "endsOn", "name"], (await badGroup.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("text", (await empty.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("text", (await oversized.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("handling", (await badHandling.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("references[0]", (await unknownRef.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(listed);
    }

    [Fact]
    public async Task ReferencesAreRenderedPerReader()
    {
        var seizure = await (await fixture.As("supervisor", "PKKHI", "supervisor-khi").PostSeizureAsync(SeizureSamples.Valid())).ReadObjectAsync();
        var seizureId = seizure["id"]!.GetValue<string>();
        var members = new JsonObject { ["offices"] = new JsonArray("PKKHI", "PKLHE") };
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group(members: members));
        await Owner.SendAsync(id, "ref-1", CommunicationSamples.Message("see this seizure", references: new JsonArray(seizureId)));

        var karachi = (await (await KarachiOfficer.GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync())["items"]![0]!["references"]![0]!;
        var lahore = (await (await Outsider.GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync())["items"]![0]!["references"]![0]!;

        Assert.False(karachi["restricted"]!.GetValue<bool>());
        Assert.Contains("drugs", karachi["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(lahore["restricted"]!.GetValue<bool>());
        Assert.Null(lahore["summary"]);
    }

    [Fact]
    public async Task AdminsSeeThatAGroupExistsButNotItsContent()
    {
        var admin = fixture.As("admin", null, "admin-1");
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group());

        var group = await admin.GetAsync($"/api/groups/{id}");
        var list = await (await admin.GetAsync("/api/groups?limit=100")).ReadObjectAsync();
        var messages = await admin.GetAsync($"/api/groups/{id}/messages");

        Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        Assert.Null((await group.ReadObjectAsync())["members"]);
        Assert.Contains(list["items"]!.AsArray(), g => g!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.Forbidden, messages.StatusCode);
    }

    [Fact]
    public async Task ReadingMessagesIsAudited()
    {
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group());
        await Owner.SendAsync(id, "audit-1", CommunicationSamples.Message());

        await KarachiOfficer.GetAsync($"/api/groups/{id}/messages");

        var found = false;
        await foreach (var row in fixture.App.Table("audit").QueryAsync<Azure.Data.Tables.TableEntity>(e => e.GetString("Operation") == "group.message.list"))
        {
            found |= row.GetString("Subject") == "officer-khi" && row.GetString("Records").Contains(id, StringComparison.Ordinal);
        }

        Assert.True(found);
    }
}
