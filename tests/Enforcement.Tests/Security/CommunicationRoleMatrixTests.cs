using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Tests.Communication;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Security;

/// <summary>Every role against every alerts, groups, messages and inbox endpoint (same callers as
/// <see cref="RoleMatrixTests"/>): 401 without credentials, 403 for a role without the right, 404 outside the audience or
/// the group, success for the allowed.</summary>
public sealed class CommunicationRoleMatrixTests(CommunicationRoleMatrixTests.MatrixApp fixture) : IClassFixture<CommunicationRoleMatrixTests.MatrixApp>
{
    public const string Office = "PKKHI-APFT";
    public const string Owner = "analyst-matrix-owner";

    /// <summary>Seeds, as the analyst: a group of the port of Karachi holding one message that asks for acknowledgement,
    /// a second group for the admin to delete, and an alert to the port of Karachi that asks for acknowledgement.</summary>
    public sealed class MatrixApp : AppFixture
    {
        public string GroupId { get; private set; } = string.Empty;

        public string DeletableGroupId { get; private set; } = string.Empty;

        public string MessageId { get; private set; } = string.Empty;

        public string AlertId { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var owner = App.ClientAs("analyst", subject: Owner);
            GroupId = await owner.CreateGroupAsync(CommunicationSamples.Group(members: Audience()));
            DeletableGroupId = await owner.CreateGroupAsync(CommunicationSamples.Group(members: Audience()));
            var sent = await owner.SendAsync(GroupId, "matrix-seed", CommunicationSamples.Message(requestAck: true));
            MessageId = (await sent.ReadObjectAsync())["id"]!.GetValue<string>();
            var alert = await owner.PublishAsync(CommunicationSamples.Alert("Matrix alert", audience: Audience(), requestAck: true));
            AlertId = (await alert.ReadObjectAsync())["id"]!.GetValue<string>();
        }
    }

    private static readonly string[] Callers =
        ["anonymous", "officer", "officer-other", "officer-elsewhere", "supervisor", "supervisor-elsewhere", "analyst", "rilo", "partner", "admin"];

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        void Rows(string method, string path, params int[] statuses) => data.AddRow(Callers, method, path, statuses);

        // Columns: anonymous, officer (PKKHI-APFT), officer-other (PKKHI-APFT), officer-elsewhere (PKLHE), supervisor (PKKHI),
        //          supervisor-elsewhere (PKLHE), analyst (owner and publisher), rilo (AP), partner, admin.
        // The group's members are the office PKKHI (so every PKKHI-* unit) and its owner; the alert goes to PKKHI.
        Rows("POST", "/api/alerts", 401, 403, 403, 403, 201, 201, 201, 201, 403, 403);
        Rows("GET", "/api/alerts", 401, 200, 200, 200, 200, 200, 200, 200, 403, 403);
        Rows("GET", "/api/alerts/{alert}", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);
        Rows("PUT", "/api/alerts/read-marker", 401, 200, 200, 200, 200, 200, 200, 200, 403, 403);
        Rows("POST", "/api/alerts/{alert}/ack", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);
        Rows("GET", "/api/alerts/{alert}/receipt", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);

        Rows("POST", "/api/groups", 401, 403, 403, 403, 201, 201, 201, 403, 403, 403);
        Rows("GET", "/api/groups", 401, 200, 200, 200, 200, 200, 200, 200, 403, 200);
        Rows("GET", "/api/groups/{group}", 401, 200, 200, 404, 200, 404, 200, 404, 403, 200);
        Rows("DELETE", "/api/groups/{deletable}", 401, 403, 403, 403, 403, 403, 403, 403, 403, 202);
        Rows("PUT", "/api/groups/{group}/members/office:PKISB", 401, 403, 403, 403, 403, 404, 204, 403, 403, 404);
        Rows("DELETE", "/api/groups/{group}/members/office:PKISB", 401, 403, 403, 403, 403, 404, 204, 403, 403, 404);
        Rows("POST", "/api/groups/{group}/join-requests", 401, 202, 202, 202, 202, 202, 202, 202, 403, 403);
        Rows("GET", "/api/groups/{group}/report", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);

        Rows("PUT", "/api/groups/{group}/messages/{caller}-matrix", 401, 201, 201, 404, 201, 404, 201, 404, 403, 403);
        Rows("GET", "/api/groups/{group}/messages", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);
        Rows("PUT", "/api/groups/{group}/read-marker", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);
        Rows("POST", "/api/groups/{group}/messages/{message}/ack", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);
        Rows("GET", "/api/groups/{group}/messages/{message}/receipt", 401, 200, 200, 404, 200, 404, 200, 404, 403, 403);

        Rows("GET", "/api/inbox", 401, 200, 200, 200, 200, 200, 200, 200, 403, 403);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyWhatItIsAllowed(string caller, string method, string path, int expected)
    {
        using var client = ClientFor(caller);
        var url = path.Replace("{alert}", fixture.AlertId, StringComparison.Ordinal).Replace("{group}", fixture.GroupId, StringComparison.Ordinal)
            .Replace("{deletable}", fixture.DeletableGroupId, StringComparison.Ordinal).Replace("{message}", fixture.MessageId, StringComparison.Ordinal)
            .Replace("{caller}", caller, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = BodyFor(method, path) };

        var response = await client.SendAsync(request);

        await RoleMatrix.AssertCellAsync(response, caller, method, path, expected);
    }

    private static JsonObject Audience() => new() { ["offices"] = new JsonArray("PKKHI") };

    private JsonContent? BodyFor(string method, string path) => (method, path) switch
    {
        ("POST", "/api/alerts") => JsonContent.Create(CommunicationSamples.Alert("Matrix publish", audience: Audience())),
        ("PUT", "/api/alerts/read-marker") => JsonContent.Create(new { upTo = fixture.AlertId }),
        ("POST", "/api/groups") => JsonContent.Create(CommunicationSamples.Group()),
        ("PUT", "/api/groups/{group}/read-marker") => JsonContent.Create(new { upTo = fixture.MessageId }),
        ("PUT", _) when path.Contains("/messages/", StringComparison.Ordinal) => JsonContent.Create(CommunicationSamples.Message()),
        _ => null,
    };

    private HttpClient ClientFor(string caller) => caller switch
    {
        "anonymous" => fixture.App.Client(),
        "officer" => fixture.App.ClientAs("officer", Office, subject: "officer-matrix"),
        "officer-other" => fixture.App.ClientAs("officer", Office, subject: "officer-matrix-colleague"),
        "officer-elsewhere" => fixture.App.ClientAs("officer", "PKLHE", subject: "officer-matrix-lhe"),
        "supervisor" => fixture.App.ClientAs("supervisor", "PKKHI", subject: "supervisor-matrix"),
        "supervisor-elsewhere" => fixture.App.ClientAs("supervisor", "PKLHE", subject: "supervisor-matrix-lhe"),
        "analyst" => fixture.App.ClientAs("analyst", subject: Owner),
        "rilo" => fixture.App.ClientAs("rilo", region: "AP", subject: "rilo-matrix"),
        "partner" => fixture.App.ClientAs("partner", subject: "partner-matrix"),
        _ => fixture.App.ClientAs("admin", subject: "admin-matrix"),
    };
}
