using Reproduce.Core.Symmetry;

namespace Reproduce.Harness.Specs;

/// <summary>Landscape probe settings (METHOD.md §4-§5), used by the probe stages; defaults in <see cref="SpecDefaults"/>.</summary>
/// <param name="Sigmas">Local energy noise levels σ (continuous nets).</param>
/// <param name="FlipFractions">Local energy flip fractions p (binary nets).</param>
/// <param name="Draws">Noise draws per σ or p.</param>
/// <param name="PathPoints">Points along each path, endpoints included (per segment for optimized paths).</param>
/// <param name="EvalTrainSubset">Train samples used by probes (0 = all): the first that many of the train set.</param>
/// <param name="BatchNormRecompute">Batch-norm nets: recompute the running statistics on the probes' train samples at each evaluated point.</param>
/// <param name="Seed">Seed of the probes' random draws (noise, Hamming orders).</param>
/// <param name="HammingOrders">Random flip orders averaged per Hamming path.</param>
/// <param name="MidpointEpochs">Optimized paths: epoch cap of the midpoint's training (with the SGD-type solutions' own settings).</param>
/// <param name="MidpointMaxTrainError">Optimized paths: the midpoint's training stops at this train error; null: the SGD-type solutions' threshold.</param>
/// <param name="MidpointChecksPerEpoch">Optimized paths: exact train-error checks per epoch of the midpoint's training.</param>
/// <param name="Midpoints">Optimized paths of binary nets: independent midpoints averaged per pair (continuous nets: one).</param>
/// <param name="PlaneResolution">2-D sections: evenly spaced grid values per axis (the three networks' coordinates are added).</param>
/// <param name="PlaneMargin">2-D sections: the grid extends this fraction of the points' range beyond them on each side.</param>
/// <param name="EvalTestSubset">Test samples used by probes (0 = all): the first that many of the test set.</param>
/// <param name="PairsPerType">Pairs probed per pair type (0 = every pair): the first that many in solution order.</param>
public sealed record ProbeSpec(IReadOnlyList<double> Sigmas, IReadOnlyList<double> FlipFractions, int Draws, int PathPoints,
    int EvalTrainSubset, bool BatchNormRecompute = true, int Seed = 0, int HammingOrders = SpecDefaults.HammingOrders,
    int MidpointEpochs = SpecDefaults.MidpointEpochs, double? MidpointMaxTrainError = null,
    int MidpointChecksPerEpoch = SpecDefaults.MidpointChecksPerEpoch, int Midpoints = SpecDefaults.Midpoints,
    int PlaneResolution = SpecDefaults.PlaneResolution, double PlaneMargin = SpecDefaults.PlaneMargin, int EvalTestSubset = 0,
    int PairsPerType = 0)
{
    /// <summary>
    /// The target norms of normalization (paper Alg. 1, METHOD.md §2) for every stage that normalizes: canonicalize, and
    /// the paths and optimized paths between normalized endpoints. Default (R): sqrt(fan_in), sqrt(#weights), ||(γ, β)|| = 1.
    /// </summary>
    public NormalizationSettings Normalization { get; init; } = NormalizationSettings.Default;
}
