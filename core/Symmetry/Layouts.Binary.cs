using Reproduce.Core.Models;

namespace Reproduce.Core.Symmetry;

public static partial class Layouts
{
    /// <summary>
    /// <see cref="Models.BinaryMlp"/> [d_0..d_L]: groups <c>layers.{k}</c>, k = 0..L−2, sign units without bias:
    /// incoming <c>layers.{k}.weight</c> axis 0, outgoing <c>layers.{k+1}.weight</c> axis 1. Output <c>layers.{L−1}.weight</c>.
    /// </summary>
    public static UnitLayout BinaryMlp(IReadOnlyList<int> sizes) =>
        Dense(new Architecture(NetworkKind.BinaryMlp, sizes).ToString(), sizes, "layers", UnitSymmetry.Sign, withBias: false, binary: true);

    /// <summary>
    /// <see cref="Models.BinaryConvNet"/> [C_in, H, c1, c2, f_1..f_out]: groups <c>conv1</c> (→ <c>conv2.weight</c>
    /// axis 1) and <c>conv2</c> (→ <c>fc.0.weight</c> axis 1, block S2²) permute only (max-pool is not odd, so a
    /// flip is no symmetry); groups <c>fc.{k}</c> for the hidden fc layers are sign units. Output <c>fc.{last}.weight</c>.
    /// </summary>
    public static UnitLayout BinaryConvNet(IReadOnlyList<int> sizes)
    {
        var s = Models.BinaryConvNet.PooledSide(sizes[1]);
        var fcWidths = sizes.Skip(4).ToList();
        var groups = new List<UnitGroup>
        {
            Plain("conv1", sizes[2], UnitSymmetry.PermutationOnly, false, new UnitAxis("conv2.weight", 1)),
            Plain("conv2", sizes[3], UnitSymmetry.PermutationOnly, false, new UnitAxis("fc.0.weight", 1, s * s)),
        };
        for (var k = 0; k + 1 < fcWidths.Count; k++)
            groups.Add(Plain($"fc.{k}", fcWidths[k], UnitSymmetry.Sign, false, new UnitAxis($"fc.{k + 1}.weight", 1)));
        var arch = new Architecture(NetworkKind.BinaryConvNet, sizes).ToString();
        return new UnitLayout(arch, true, groups, new OutputLayer($"fc.{fcWidths.Count - 1}.weight", null));
    }

    /// <summary><see cref="Models.BinaryPerceptron"/>: no hidden group; output <c>fc.weight</c> (1, N).</summary>
    public static UnitLayout BinaryPerceptron(int inputs) =>
        new(new Architecture(NetworkKind.BinaryPerceptron, [inputs]).ToString(), true, [], new OutputLayer("fc.weight", null));

    /// <summary>
    /// <see cref="Models.CommitteeMachine"/>: one group <c>hidden</c> of K sign units, incoming <c>hidden.weight</c>
    /// axis 0, no outgoing tensor (the +1 output weights are fixed), so permutation only; no output tensor.
    /// </summary>
    public static UnitLayout CommitteeMachine(int inputs, int hiddenUnits) =>
        new(new Architecture(NetworkKind.CommitteeMachine, [inputs, hiddenUnits]).ToString(), true,
            [Plain("hidden", hiddenUnits, UnitSymmetry.PermutationOnly, false)], new OutputLayer(null, null));
}
