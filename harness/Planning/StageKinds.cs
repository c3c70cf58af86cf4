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

    /// <summary>Normalize one solution (paper Alg. 1).</summary>
    public const string Canonicalize = "canonicalize";

    /// <summary>Align B to A for one pair of solutions, raw and normalized (paper Alg. 2), with their distances.</summary>
    public const string Align = "align";

    /// <summary>Local energy of one solution (METHOD.md §5).</summary>
    public const string LocalEnergy = "local-energy";

    /// <summary>Errors along one path kind between a pair of solutions.</summary>
    public const string Path = "path";

    /// <summary>A single-bend path through a trained midpoint, one path kind and pair.</summary>
    public const string OptimizedPath = "optimized-path";

    /// <summary>Errors on the 2-D section through three solutions, raw or normalized.</summary>
    public const string Plane = "plane";

    /// <summary>Every pair's distances of one experiment, as one table.</summary>
    public const string Distances = "distances";

    /// <summary>Draw one figure of the paper from stored probe results (PNG and SVG).</summary>
    public const string Plot = "plot";

    /// <summary>Judge the paper's findings on one experiment's stored results (findings.json).</summary>
    public const string Findings = "findings";

    private static readonly Dictionary<string, int> Versions = new()
    {
        [Data] = 1,
        [Train] = 5, // 2: binary nets' sign activations clamp (TorchSharp's hardtanh leaked and trained differently); 3: each algorithm draws from its own seed stream (TrainingSetup.AlgorithmSeed), binary MLP/conv logits ÷ √fan_in; 4: held Scalars, our Adam and BatchNorm2d (issue 13), RSGD's γ reaches γ₀·γ_max and a BN center gets its own statistics, ADV pre-trains with SGD (issue 14); 5: the MLP's and LeNet's fully connected layers run through MatrixProducts.Linear, whose products round differently from nn.Linear's (issue 17)
        [Canonicalize] = 1,
        [Align] = 1,
        [LocalEnergy] = 1,
        [Path] = 1,
        [OptimizedPath] = 3, // 2: the midpoint trains with the SGD-type solutions' settings, checked often, never worse than M₀; binary nets average several midpoints (issue 14); 3: a hamming-aligned midpoint starts from the endpoints' latent weights, aligned as their signs were (issue 14)
        [Plane] = 2, // 2: the paper's triple: A, B unaligned, B aligned to A (issue 14)
        [Distances] = 1,
        [Plot] = 1,
        [Findings] = 3, // 2: F7 reports the optimized midpoints' train error; 3: converged evidence only, five verdicts, comparisons with margins (issue 15)
    };

    /// <summary>All kinds, upstream first.</summary>
    public static IReadOnlyList<string> All { get; } = [Data, Train, Canonicalize, Align, LocalEnergy, Path, OptimizedPath, Plane, Distances, Plot, Findings];

    /// <summary>The version of <paramref name="kind"/>.</summary>
    public static int Version(string kind) =>
        Versions.TryGetValue(kind, out var v) ? v : throw new ArgumentException($"unknown stage kind '{kind}'", nameof(kind));
}
