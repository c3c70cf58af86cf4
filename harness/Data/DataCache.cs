namespace Reproduce.Harness.Data;

/// <summary>
/// Where data sets are stored: the folder named by the environment variable <c>REPRODUCE_DATA</c> when it is set and
/// not empty, else <c>artifacts/data</c> under the repository root. Each data set has a sub-folder
/// (<c>mnist/</c>, <c>fashion-mnist/</c>, <c>cifar10/</c>, …) holding its final files and a <c>SHA256SUMS</c>.
/// </summary>
public static class DataCache
{
    /// <summary>Name of the environment variable that overrides the data folder.</summary>
    public const string EnvironmentVariable = "REPRODUCE_DATA";

    /// <summary>The data folder as an absolute path: $REPRODUCE_DATA, else <paramref name="repoRoot"/>/artifacts/data.</summary>
    public static string Resolve(string repoRoot) => Resolve(repoRoot, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The same rule with the variable's value given (null or empty: unset), for tests.</summary>
    public static string Resolve(string repoRoot, string? overrideDir) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(overrideDir) ? Path.Combine(repoRoot, "artifacts", "data") : overrideDir);
}
