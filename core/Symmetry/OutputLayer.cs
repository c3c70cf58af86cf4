namespace Reproduce.Core.Symmetry;

/// <summary>
/// The last, linear layer: no unit symmetry, but the prediction (argmax or sign) is invariant under one global
/// positive factor, so it is one sphere of its own (METHOD.md §2).
/// </summary>
/// <param name="Weight">The weight (outputs, in), or null when the output weights are fixed (committee machine).</param>
/// <param name="Bias">The bias (outputs), or null.</param>
public sealed record OutputLayer(string? Weight, string? Bias);
