using Reproduce.Core.Symmetry;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// One hidden unit group as a description gives it: the fields of <see cref="UnitGroup"/>, with the unit count optional
/// (<see cref="LayoutFit"/> reads it from the first incoming tensor's axis) and the group's place in the file for messages.
/// </summary>
/// <param name="Field">Where it is written, e.g. <c>groups[1]</c>.</param>
/// <param name="Name">The group's name, unique in the description.</param>
/// <param name="Units">N_l when the description states it (then checked), else null.</param>
/// <param name="Symmetry">scale (ReLU), sign, or permutation only.</param>
/// <param name="Incoming">Tensors holding the units' incoming weights, with the unit axis (block size 1 unless stated).</param>
/// <param name="Bias">The units' bias, or null.</param>
/// <param name="BatchNorm">The batch norm after the units' pre-activation, or null.</param>
/// <param name="Outgoing">Tensors reading the units' output, with the axis and the block size after a flatten.</param>
public sealed record DescribedGroup(string Field, string Name, int? Units, UnitSymmetry Symmetry, IReadOnlyList<UnitAxis> Incoming,
    string? Bias, BatchNormTensors? BatchNorm, IReadOnlyList<UnitAxis> Outgoing);
