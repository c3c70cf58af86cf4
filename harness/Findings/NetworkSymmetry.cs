using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;

namespace Reproduce.Harness.Findings;

/// <summary>
/// What the symmetry checks of a network can do, which decides whether a check can fail on it: a binary net's
/// normalization is sign(w)·r (the forward pass already uses sign(w)), so it cannot change a prediction; a net without
/// hidden units (the binary perceptron) has nothing to permute or flip, so aligned and unaligned paths are one path and a
/// scrambled copy is the original.
/// </summary>
/// <param name="Binary">Sign weights and activations.</param>
/// <param name="HiddenUnits">The net has hidden unit groups (permutations, scalings or sign flips to remove).</param>
public sealed record NetworkSymmetry(bool Binary, bool HiddenUnits)
{
    /// <summary>Architectures without hidden units, by the spec's <c>network.arch</c> word.</summary>
    public static readonly IReadOnlyList<string> WithoutHiddenUnits = ["perceptron", "binary-perceptron"];

    /// <summary>
    /// From the architecture the train manifests record (its unit layout, <see cref="Layouts.For"/>), else from the spec's
    /// <paramref name="arch"/> word and <paramref name="family"/>.
    /// </summary>
    public static NetworkSymmetry Of(ExperimentResults r, string family, string arch)
    {
        var stored = r.Solutions.Select(s => s.Arch).FirstOrDefault(a => a.Length > 0);
        if (stored is not null)
        {
            var layout = Layouts.For(Architecture.Parse(stored));
            return new NetworkSymmetry(layout.Binary, layout.Groups.Count > 0);
        }
        return new NetworkSymmetry(family != "continuous", !WithoutHiddenUnits.Contains(arch));
    }
}
