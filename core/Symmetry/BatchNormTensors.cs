namespace Reproduce.Core.Symmetry;

/// <summary>
/// The batch-norm tensors that follow a conv group, each of shape (units):
/// y_i = γ_i (z_i − μ_i) / sqrt(v_i + ε) + β_i.
/// </summary>
/// <param name="Weight">γ, e.g. <c>features.1.weight</c>.</param>
/// <param name="Bias">β, e.g. <c>features.1.bias</c>.</param>
/// <param name="RunningMean">μ, e.g. <c>features.1.running_mean</c>.</param>
/// <param name="RunningVar">v, e.g. <c>features.1.running_var</c>.</param>
public sealed record BatchNormTensors(string Weight, string Bias, string RunningMean, string RunningVar)
{
    /// <summary>The four names, γ, β, μ, v.</summary>
    public IReadOnlyList<string> All => [Weight, Bias, RunningMean, RunningVar];
}
