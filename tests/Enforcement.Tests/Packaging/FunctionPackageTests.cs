using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace Enforcement.Tests.Packaging;

/// <summary>The deployment zip has the layout the Functions host reads: app root files at the zip root.</summary>
public sealed class FunctionPackageTests(FunctionPackage package) : IClassFixture<FunctionPackage>
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
    public void EveryFunctionFolderIsInTheZipWithItsFunctionJsonAndNoOther()
    {
        var source = Directory.GetDirectories(Path.Combine(package.RepositoryRoot, "functions", "Enforcement.Functions", "FunctionApp"))
            .Where(dir => File.Exists(Path.Combine(dir, "function.json")))
            .Select(dir => Path.GetFileName(dir))
            .Order(StringComparer.Ordinal)
            .ToList();

        var packaged = Zip.Entries
            .Where(entry => entry.FullName.Split('/') is [_, "function.json"])
            .Select(entry => entry.FullName.Split('/')[0])
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(source);
        Assert.Equal(source, packaged);
        Assert.All(source, name => Assert.NotNull(Zip.GetEntry($"{name}/function.json")));
    }

    [Fact]
    public async Task TheExecutableNamedByHostJsonIsPackagedWithItsExecuteBit()
    {
        await using var hostJson = await Zip.GetEntry("host.json")!.OpenAsync();
        var executablePath = (await JsonNode.ParseAsync(hostJson))!["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();

        var executable = Zip.GetEntry(executablePath);

        Assert.NotNull(executable);
        // The high 16 bits of the external attributes hold the Unix mode when the zip was made on Unix.
        var mode = (UnixFileMode)(((uint)executable.ExternalAttributes >> 16) & 0xFFF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"'{executablePath}' has mode {mode} in the zip.");
    }

    [Fact]
    public async Task TheMainAssemblyIsPackagedReadyToRunWithTheLinuxRuntime()
    {
        var assembly = Zip.GetEntry(MainAssembly);

        Assert.NotNull(assembly);
        Assert.NotNull(Zip.GetEntry("libcoreclr.so"));
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
