using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Symmetry;

/// <summary>Paper Alg. 2 on every architecture: copies align back, a network aligns to itself, the function is kept.</summary>
public sealed class WeightMatchingTests
{
    /// <summary>
    /// A copy of A with units permuted, rescaled (ReLU, BN) or flipped (sign), normalized and aligned to normalized A
    /// (binary: aligned on latent weights, then normalized; see <see cref="SomeNetworks.AlignedBack"/>):
    /// geodesic distance &lt; 1e-3 (float32), every tensor (biases, BN buffers included) equal to 1e-4 of its largest
    /// entry, and the same predictions as A.
    /// </summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void PermutedCopyAlignsBack(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 11);
        var b = SomeNetworks.Scrambled(layout, a, seed: 12);
        var na = UnitNormalization.Normalize(layout, a);
        var aligned = SomeNetworks.AlignedBack(layout, a, b);

        Assert.True(Geodesic.Distance(layout, na, aligned) < 1e-3);
        Assert.True(SomeNetworks.MaxRelativeDifference(na, aligned) < 1e-4);
        var x = SomeNetworks.Inputs(arch, 32, seed: 13);
        Check.SamePredictions(SomeNetworks.Outputs(arch, a, x), SomeNetworks.Outputs(arch, aligned, x));
    }

    /// <summary>Align(A, A): every permutation is the identity, nothing is flipped, every tensor is unchanged.</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void AligningANetworkWithItselfGivesTheIdentity(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 21);
        var alignment = WeightMatching.Align(layout, a, a);
        Assert.All(alignment.Groups, g => Assert.True(g.IsIdentity, g.Group));
        Assert.Equal(0, SomeNetworks.MaxRelativeDifference(a, alignment.Aligned));
    }

    /// <summary>Aligning an unrelated B to A only relabels B's units: B's outputs are kept (rtol 1e-4), classes exactly.</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void AlignmentPreservesTheAlignedNetworksPredictions(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 31);
        var b = SomeNetworks.Network(arch, seed: 32);
        var aligned = WeightMatching.Align(layout, a, b).Aligned;
        var x = SomeNetworks.Inputs(arch, 32, seed: 33);
        Check.SamePredictions(SomeNetworks.Outputs(arch, b, x), SomeNetworks.Outputs(arch, aligned, x));
    }

    /// <summary>
    /// <see cref="WeightMatching.Apply"/> with an alignment's own groups gives its aligned network bit for bit; applied to
    /// the raw copy of a binary net aligned on its normalized (sign) copy, it gives latent weights whose signs are those of the
    /// normalized aligned network; a group list of another layout (one group short) is refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void ApplyingAnAlignmentReproducesIt(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 41);
        var b = SomeNetworks.Network(arch, seed: 42);
        var alignment = WeightMatching.Align(layout, a, b);
        var applied = WeightMatching.Apply(layout, b, alignment.Groups);
        foreach (var (name, t) in alignment.Aligned) Assert.True(t.eq(applied[name]).all().item<bool>(), name);
        if (layout.Binary)
        {
            var normalized = WeightMatching.Align(layout, UnitNormalization.Normalize(layout, a), UnitNormalization.Normalize(layout, b));
            var latent = WeightMatching.Apply(layout, b, normalized.Groups);
            foreach (var name in layout.WeightTensors)
                Assert.True(Binarization.Sign(latent[name]).eq(Binarization.Sign(normalized.Aligned[name])).all().item<bool>(), name);
        }
        if (layout.Groups.Count > 0) Assert.Throws<ArgumentException>(() => WeightMatching.Apply(layout, b, alignment.Groups.Skip(1).ToList()));
    }

    /// <summary>The reported permutation undoes the scrambling one: applying it to the scrambled copy gives A's order.</summary>
    [Fact]
    public void ReportedPermutationsAndFlipsRecoverTheScrambling()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:11,9,7,3");
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 41);
        var work = a.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var group = layout.Groups[0];
        var perm = new long[] { 3, 0, 8, 1, 7, 2, 6, 4, 5 };
        UnitTransform.Permute(work, group, tensor(perm));
        var flips = new float[] { 1, -1, 1, 1, -1, 1, 1, 1, -1 };
        UnitTransform.FlipUnits(work, group, tensor(flips));
        var result = WeightMatching.Align(layout, a, work).Groups[0];
        // Old B unit j holds A's unit perm[j], so A's unit i sits at B's unit perm⁻¹(i).
        var inverse = new int[perm.Length];
        for (var j = 0; j < perm.Length; j++) inverse[perm[j]] = j;
        Assert.Equal(inverse, result.Permutation);
        Assert.Equal(inverse.Select(j => flips[j] < 0).ToArray(), result.Flips);
        Assert.All(result.Cosines, c => Check.Close(1, c, 1e-6, 0, "cos"));
        Assert.True(layout.Groups[1].Symmetry == UnitSymmetry.Sign);
    }

    /// <summary>A float64 network and a float32 scrambled copy of it align back (geodesic distance &lt; 1e-3).</summary>
    [Fact]
    public void Float64AndFloat32NetworksAlign()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("lenet:4,6,8,5,1,16");
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 45);
        var b = SomeNetworks.Scrambled(layout, a, seed: 46);
        var a64 = a.ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float64));
        var na = UnitNormalization.Normalize(layout, a64);
        var aligned = WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, b)).Aligned;
        Assert.True(Geodesic.Distance(layout, na, aligned) < 1e-3);
        Assert.Equal(ScalarType.Float32, aligned["conv1.weight"].dtype);
    }

    /// <summary>The input state dicts are not modified (alignment and normalization return new tensors).</summary>
    [Fact]
    public void InputsAreNeverModified()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("vgg16bn:16,10");
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 51);
        var b = SomeNetworks.Network(arch, seed: 52);
        var copyA = a.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var copyB = b.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        WeightMatching.Align(layout, UnitNormalization.Normalize(layout, a), UnitNormalization.Normalize(layout, b));
        WeightMatching.Align(layout, a, b);
        Assert.Equal(0, SomeNetworks.MaxRelativeDifference(copyA, a));
        Assert.Equal(0, SomeNetworks.MaxRelativeDifference(copyB, b));
    }
}
