namespace Reproduce.Core.Symmetry;

/// <summary>
/// Where a group's units sit in one tensor: along <paramref name="Axis"/>, each unit owning a contiguous block of
/// <paramref name="BlockSize"/> indices (1, or h·w for the columns a conv→flatten→linear step gives a channel).
/// The axis has length units·BlockSize; unit i owns indices i·BlockSize .. (i+1)·BlockSize − 1.
/// </summary>
/// <param name="Tensor">State-dict name, e.g. <c>layers.1.weight</c>.</param>
/// <param name="Axis">The unit axis: 0 for incoming weights (out, in, ...), 1 for outgoing ones.</param>
/// <param name="BlockSize">Indices per unit along the axis.</param>
public sealed record UnitAxis(string Tensor, int Axis, int BlockSize = 1);
