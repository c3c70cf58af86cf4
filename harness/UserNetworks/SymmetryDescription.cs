using Reproduce.Core.Symmetry;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// A user's description of an architecture's symmetries, read from YAML by <see cref="SymmetryDescriptionReader"/>
/// (format: docs/user-networks.md): the data of a <see cref="UnitLayout"/> (hidden unit groups in order from the input, the
/// output layer) with the unit counts left to the model's tensors (<see cref="LayoutFit"/>), and the input shape that
/// random inputs take when the description is verified without data (<see cref="LayoutVerification"/>).
/// </summary>
/// <param name="File">The YAML file, for messages.</param>
/// <param name="Name">The layout's name (<see cref="UnitLayout.Architecture"/>): the file's <c>name</c>, or its stem.</param>
/// <param name="InputShape">One example's shape, e.g. [3, 32, 32] or [784].</param>
/// <param name="Binary">True when the model's forward takes sign() of every weight tensor (binary nets).</param>
/// <param name="Groups">The hidden unit groups, layer 1 first.</param>
/// <param name="Output">The last layer (no unit symmetry).</param>
public sealed record SymmetryDescription(string File, string Name, IReadOnlyList<long> InputShape, bool Binary,
    IReadOnlyList<DescribedGroup> Groups, OutputLayer Output);
