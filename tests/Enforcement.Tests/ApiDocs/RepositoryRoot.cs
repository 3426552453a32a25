namespace Enforcement.Tests.ApiDocs;

/// <summary>The clone's root: the folder above the test binaries holding package.json and .config/dotnet-tools.json.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && File.Exists(Path.Combine(directory.FullName, ".config", "dotnet-tools.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (package.json, .config/dotnet-tools.json) is not above " + AppContext.BaseDirectory);
    }
}
