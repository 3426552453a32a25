using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace Enforcement.Tests.Packaging;

/// <summary>The deployment zip has the layout the Functions host reads: the isolated worker's publish output at the zip root.</summary>
[Collection(FunctionPackageTestGroup.Name)]
public sealed class FunctionPackageTests(FunctionPackage package)
{
    private const string MainAssembly = "Enforcement.Functions.dll";

    private ZipArchive Zip => package.Zip;

    [Fact]
    public void HostJsonIsAtTheZipRoot()
    {
        var hostJson = Zip.GetEntry("host.json");

        Assert.NotNull(hostJson);
    }

    [Fact]
    public void TheImageLibrarysLinuxNativeCodeIsPackagedNextToTheExecutable()
    {
        // SkiaSharp decodes and re-encodes photos through libSkiaSharp.so (the build without system dependencies).
        var native = Zip.GetEntry("libSkiaSharp.so");

        Assert.NotNull(native);
        Assert.True(native.Length > 1_000_000);
    }

    [Fact]
    public async Task TheWorkerFilesTheHostReadsAreAtTheZipRoot()
    {
        Assert.NotNull(Zip.GetEntry("functions.metadata"));
        Assert.Contains(Zip.Entries, e => e.FullName.StartsWith(".azurefunctions/", StringComparison.Ordinal));
        await using var config = await Zip.GetEntry("worker.config.json")!.OpenAsync();
        var description = (await JsonNode.ParseAsync(config))!["description"]!;

        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        Assert.NotNull(Zip.GetEntry(description["defaultWorkerPath"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryFunctionIsInThePackagedMetadata()
    {
        await using var metadata = await Zip.GetEntry("functions.metadata")!.OpenAsync();
        var names = (await JsonNode.ParseAsync(metadata))!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(Enforcement.Functions.Hosting.Standalone.TriggeredFunctions.All.Select(f => f.Name).Append("HttpApi").Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task TheMainAssemblyIsPackagedReadyToRunAndFrameworkDependent()
    {
        var assembly = Zip.GetEntry(MainAssembly);

        Assert.NotNull(assembly);
        Assert.Null(Zip.GetEntry("libcoreclr.so"));
        using var image = new MemoryStream();
        await using (var stream = await assembly.OpenAsync())
        {
            await stream.CopyToAsync(image);
        }

        image.Position = 0;
        using var reader = new PEReader(image);
        Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{MainAssembly} is not ReadyToRun.");
    }
}
