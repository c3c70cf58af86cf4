namespace Reproduce.Core.Symmetry;

/// <summary>
/// Target norms of <see cref="UnitNormalization"/> (METHOD.md §2; the defaults are reconstructed, R).
/// </summary>
/// <param name="HiddenNorm">r_l, the norm of every hidden unit's incoming vector; null (default, R): sqrt(fan_in of the unit).</param>
/// <param name="OutputNorm">r_L, the norm of the whole last-layer weight; null (default, R): sqrt(number of last-layer weights).</param>
/// <param name="BatchNormAffineNorm">
/// With batch norm, the ReLU scale acts on (γ_i, β_i): it is fixed by ||(γ_i, β_i)|| = this (default 1, R).
/// </param>
public sealed record NormalizationSettings(double? HiddenNorm = null, double? OutputNorm = null, double BatchNormAffineNorm = 1.0)
{
    /// <summary>The defaults: sqrt(fan_in), sqrt(#last-layer weights), ||(γ, β)|| = 1.</summary>
    public static NormalizationSettings Default { get; } = new();

    /// <summary>r_l for a unit with <paramref name="fanIn"/> incoming weights.</summary>
    public double HiddenTarget(long fanIn) => HiddenNorm ?? Math.Sqrt(fanIn);

    /// <summary>r_L for a last layer with <paramref name="weights"/> weights.</summary>
    public double OutputTarget(long weights) => OutputNorm ?? Math.Sqrt(weights);
}
