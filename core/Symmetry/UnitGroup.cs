namespace Reproduce.Core.Symmetry;

/// <summary>
/// One hidden layer's units (neurons of a Linear layer or filters of a conv layer), as data: the tensors that
/// move when a unit is permuted, rescaled or flipped.
/// The unit's incoming vector w_i (the sphere of METHOD.md §2) is the concatenation of its slices of the
/// <see cref="Incoming"/> tensors; its fan-in is that vector's length.
/// </summary>
/// <param name="Name">The group's name, by convention the prefix of its incoming tensor, e.g. <c>layers.0</c>.</param>
/// <param name="Units">N_l, the number of units.</param>
/// <param name="Symmetry">The unit's own symmetry (ReLU scale, sign flip, or none).</param>
/// <param name="Incoming">Incoming weight tensors with the unit axis (0 for Linear (out, in) and conv (out, in, k, k)).</param>
/// <param name="Bias">The unit's bias (units), or null.</param>
/// <param name="BatchNorm">The batch norm after the unit's pre-activation, or null.</param>
/// <param name="Outgoing">Tensors reading the unit's output, with the axis and block size (empty for a committee machine).</param>
public sealed record UnitGroup(
    string Name,
    int Units,
    UnitSymmetry Symmetry,
    IReadOnlyList<UnitAxis> Incoming,
    string? Bias,
    BatchNormTensors? BatchNorm,
    IReadOnlyList<UnitAxis> Outgoing)
{
    /// <summary>Every tensor indexed by this group's units, with its axis and block: incoming, bias, BN, outgoing.</summary>
    public IEnumerable<UnitAxis> AllAxes =>
        Incoming
            .Concat(Bias is null ? [] : [new UnitAxis(Bias, 0)])
            .Concat(BatchNorm is null ? [] : BatchNorm.All.Select(n => new UnitAxis(n, 0)))
            .Concat(Outgoing);
}
