using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.ApiDocs;

public sealed class ScratchDump(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Dump()
    {
        var text = await fixture.App.Client().GetStringAsync("/api/openapi/v1.json");
        await File.WriteAllTextAsync("/tmp/openapi14.json", text);
    }
}
