using static TorchSharp.torch;

namespace Reproduce.Core.Symmetry;

/// <summary>The result of <see cref="WeightMatching.Align"/>: B with its units reordered (and flipped) to match A.</summary>
/// <param name="Aligned">B aligned to A: a new state dict, the same function as B.</param>
/// <param name="Groups">Per hidden group, in layout order, the permutation and flips applied.</param>
public sealed record Alignment(Dictionary<string, Tensor> Aligned, IReadOnlyList<GroupAlignment> Groups);
