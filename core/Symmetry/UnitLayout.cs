namespace Reproduce.Core.Symmetry;

/// <summary>
/// The symmetry structure of an architecture as data (DESIGN.md "Unit layout as data"): its hidden unit groups in
/// order from the input, and its output layer. Normalization, alignment, geodesics and distances are written once
/// over this. Built by <see cref="Layouts.For"/>.
/// </summary>
/// <param name="Architecture">The written architecture, e.g. <c>mlp:784,500,500,10</c>.</param>
/// <param name="Binary">True when the forward uses sign(latent) for every weight tensor (binary nets).</param>
/// <param name="Groups">Hidden unit groups, layer 1 first.</param>
/// <param name="Output">The last layer.</param>
public sealed record UnitLayout(string Architecture, bool Binary, IReadOnlyList<UnitGroup> Groups, OutputLayer Output)
{
    /// <summary>
    /// The weight tensors, the ones the geometry measures: every group's incoming tensors and the output weight
    /// (biases, BN parameters and buffers excluded).
    /// </summary>
    public IReadOnlyList<string> WeightTensors =>
        Groups.SelectMany(g => g.Incoming.Select(a => a.Tensor))
            .Concat(Output.Weight is null ? [] : [Output.Weight])
            .Distinct()
            .ToList();

    /// <summary>BN running means and variances: not parameters; they follow their units but are recomputed on paths.</summary>
    public IReadOnlyList<string> BatchNormBuffers =>
        Groups.Where(g => g.BatchNorm is not null).SelectMany(g => new[] { g.BatchNorm!.RunningMean, g.BatchNorm.RunningVar }).ToList();
}
