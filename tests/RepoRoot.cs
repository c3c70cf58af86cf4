namespace Reproduce.Tests;

/// <summary>Finds the repository root (the folder holding Reproduce.sln) from the test's output folder.</summary>
public static class RepoRoot
{
    /// <summary>The repository root.</summary>
    public static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Reproduce.sln"))) return d.FullName;
        throw new InvalidOperationException("Reproduce.sln not found above " + AppContext.BaseDirectory);
    }
}
