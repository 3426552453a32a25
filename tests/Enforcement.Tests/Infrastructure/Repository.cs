namespace Enforcement.Tests.Infrastructure;

/// <summary>The repository the tests run from (the folder holding Enforcement.sln), for tests that read its files.</summary>
public static class Repository
{
    public static readonly string Root = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Enforcement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Enforcement.sln above {AppContext.BaseDirectory}.");
    }
}
