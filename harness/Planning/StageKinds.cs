namespace Reproduce.Harness.Planning;

/// <summary>
/// Every stage kind with its version. Bump a kind's version when the meaning of its output changes
/// (a bug fix in training, a new output file): every stage of that kind, and all downstream, gets a new key.
/// </summary>
public static class StageKinds
{
    /// <summary>Fetch, verify and describe a data set (and the train subset drawn from it).</summary>
    public const string Data = "data";

    /// <summary>Train one solution.</summary>
    public const string Train = "train";

    /// <summary>Draw one figure of the paper from stored probe results (PNG and SVG).</summary>
    public const string Plot = "plot";

    /// <summary>Judge the paper's findings on one experiment's stored results (findings.json).</summary>
    public const string Findings = "findings";

    private static readonly Dictionary<string, int> Versions = new()
    {
        [Data] = 1,
        [Train] = 1,
        [Plot] = 1,
        [Findings] = 1,
    };

    /// <summary>All kinds, upstream first.</summary>
    public static IReadOnlyList<string> All { get; } = [Data, Train, Plot, Findings];

    /// <summary>The version of <paramref name="kind"/>.</summary>
    public static int Version(string kind) =>
        Versions.TryGetValue(kind, out var v) ? v : throw new ArgumentException($"unknown stage kind '{kind}'", nameof(kind));
}
