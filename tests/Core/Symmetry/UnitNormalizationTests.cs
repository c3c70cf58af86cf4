using Reproduce.Core.Numerics;
using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Symmetry;

/// <summary>Paper Alg. 1 on every architecture: the function is kept, every unit lands on its sphere, once is enough.</summary>
public sealed class UnitNormalizationTests
{
    /// <summary>Outputs on 32 random inputs equal up to one positive factor (rtol 1e-4, float32); classes identical.</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void NormalizationPreservesEveryPrediction(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var sd = SomeNetworks.Network(arch, seed: 1);
        var normalized = UnitNormalization.Normalize(Layouts.For(arch), sd);
        var x = SomeNetworks.Inputs(arch, 32, seed: 2);
        Check.SamePredictions(SomeNetworks.Outputs(arch, sd, x), SomeNetworks.Outputs(arch, normalized, x));
    }

    /// <summary>N(N(w)) = N(w) in every tensor, to 1e-5 of each tensor's largest entry.</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void NormalizationIsIdempotent(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var once = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, seed: 3));
        var twice = UnitNormalization.Normalize(layout, once);
        Assert.True(SomeNetworks.MaxRelativeDifference(once, twice) < 1e-5);
    }

    /// <summary>Every hidden unit has norm sqrt(fan_in) and the last layer sqrt(#weights), to 1e-5 relative.</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void EveryHiddenUnitHasTheTargetNormAfterNormalization(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var normalized = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, seed: 4));
        AssertOnSpheres(layout, normalized, NormalizationSettings.Default);
    }

    /// <summary>Target norms are settings: r_l = 1.5, r_L = 2 are met (1e-5 relative) and predictions kept.</summary>
    [Theory]
    [InlineData("mlp:12,9,7,5")]
    [InlineData("vgg16bn:16,10")]
    [InlineData("binary-mlp:11,9,7,3")]
    public void TargetNormsAreSettings(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var settings = new NormalizationSettings(HiddenNorm: 1.5, OutputNorm: 2, BatchNormAffineNorm: 3);
        var sd = SomeNetworks.Network(arch, seed: 5);
        var normalized = UnitNormalization.Normalize(layout, sd, settings);
        AssertOnSpheres(layout, normalized, settings);
        var x = SomeNetworks.Inputs(arch, 16, seed: 6);
        Check.SamePredictions(SomeNetworks.Outputs(arch, sd, x), SomeNetworks.Outputs(arch, normalized, x));
    }

    /// <summary>With BN, ||(γ_i, β_i)|| equals the setting after normalization (1e-5 relative).</summary>
    [Fact]
    public void BatchNormAffineParametersHaveTheTargetNorm()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("vgg16bn:16,10");
        var layout = Layouts.For(arch);
        var normalized = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, seed: 7));
        foreach (var g in layout.Groups)
        {
            var norms = normalized[g.BatchNorm!.Weight].pow(Scalars.Two).add(normalized[g.BatchNorm.Bias].pow(Scalars.Two), Scalars.One).sqrt();
            foreach (var n in norms.data<float>().ToArray()) Check.Close(1, n, 1e-5, 0, g.Name);
        }
    }

    private static void AssertOnSpheres(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, NormalizationSettings settings)
    {
        var rows = Spheres.Rows(layout, sd);
        for (var k = 0; k < rows.Count; k++)
        {
            var (name, m) = rows[k];
            var target = k < layout.Groups.Count ? settings.HiddenTarget(m.shape[1]) : settings.OutputTarget(m.shape[1]);
            foreach (var n in Spheres.RowNorms(m).data<double>().ToArray()) Check.Close(target, n, 1e-5, 0, name);
        }
        Assert.Equal(layout.Groups.Count + (layout.Output.Weight is null ? 0 : 1), rows.Count);
    }
}
