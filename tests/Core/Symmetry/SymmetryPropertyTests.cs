using CsCheck;
using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Symmetry;

/// <summary>
/// The invariants of normalization and alignment on drawn widths, permutations and scales (CsCheck; few iterations
/// to keep the suite fast; the permutation, scales and flips come from the drawn seed).
/// </summary>
public sealed class SymmetryPropertyTests
{
    private static readonly Gen<int> OddWidth = Gen.Int[1, 12].Select(k => 2 * k + 1);

    /// <summary>
    /// MLPs [d0, h1, h2, out] with d0, h1 ≥ 2 (with a fan-in of 1 every normalized unit is ±1: units differ by their bias only,
    /// which the matching ignores) and widths 1..24: a scrambled copy aligns back (geodesic &lt; 1e-3) with A's predictions.
    /// </summary>
    [Fact]
    public void PermutedCopyAlignsBackForDrawnMlpWidthsAndScales()
    {
        Gen.Select(Gen.Int[2, 16], Gen.Int[2, 24], Gen.Int[1, 24], Gen.Int[2, 6], Gen.Int[0, 1 << 20])
            .Sample((d0, h1, h2, o, seed) => AlignsBack($"mlp:{d0},{h1},{h2},{o}", seed), iter: 25, threads: 1);
    }

    /// <summary>Binary MLPs with odd widths: a copy with permuted and sign-flipped units aligns back with A's predictions.</summary>
    [Fact]
    public void PermutedCopyAlignsBackForDrawnBinaryMlpWidthsAndFlips()
    {
        Gen.Select(OddWidth, OddWidth, OddWidth, Gen.Int[1, 4], Gen.Int[0, 1 << 20])
            .Sample((d0, h1, h2, o, seed) => AlignsBack($"binary-mlp:{d0},{h1},{h2},{o}", seed), iter: 25, threads: 1);
    }

    /// <summary>LeNets with 1..6 filters per conv and 2..10 hidden units (flatten block 4·4) align back too.</summary>
    [Fact]
    public void PermutedCopyAlignsBackForDrawnLeNetWidths()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Int[2, 10], Gen.Int[2, 5], Gen.Int[0, 1 << 20])
            .Sample((c1, c2, h, o, seed) => AlignsBack($"lenet:{c1},{c2},{h},{o},1,16", seed), iter: 15, threads: 1);
    }

    /// <summary>Committee machines with N, K drawn: normalization keeps every prediction and a permuted copy aligns back.</summary>
    [Fact]
    public void PermutedCopyAlignsBackForDrawnCommitteeMachines()
    {
        Gen.Select(Gen.Int[3, 40], OddWidth, Gen.Int[0, 1 << 20])
            .Sample((n, k, seed) => AlignsBack($"committee:{n},{k}", seed), iter: 20, threads: 1);
    }

    private static void AlignsBack(string text, int seed)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed);
        var b = SomeNetworks.Scrambled(layout, a, seed + 1);
        var na = UnitNormalization.Normalize(layout, a);
        var aligned = SomeNetworks.AlignedBack(layout, a, b);
        var distance = Geodesic.Distance(layout, na, aligned);
        Assert.True(distance < 1e-3, $"{text} seed {seed}: geodesic distance {distance:G3}");
        var x = SomeNetworks.Inputs(arch, 16, seed + 2);
        var expected = SomeNetworks.Outputs(arch, a, x);
        Check.SamePredictions(expected, SomeNetworks.Outputs(arch, na, x));
        Check.SamePredictions(expected, SomeNetworks.Outputs(arch, aligned, x));
    }
}
