using TorchSharp;
using Reproduce.Core.Numerics;
using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Reproduce.Tests.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Geometry;

/// <summary>Euclidean and Hamming distances, linear interpolation and the plane through three networks.</summary>
public sealed class DistanceTests
{
    /// <summary>Euclidean distance over weight tensors only: changing a bias or a BN buffer does not move it (exact).</summary>
    [Fact]
    public void EuclideanDistanceCountsWeightTensorsOnly()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("vgg16bn:16,10");
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 71);
        var b = a.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        b["features.0.bias"] = b["features.0.bias"].add(Scalars.One, Scalars.One);
        using var three = 3.ToScalar();
        b["features.1.running_var"] = b["features.1.running_var"].mul(three);
        Assert.Equal(0, Distance.Euclidean(layout, a, b));
        using var half = 0.5.ToScalar();
        b["classifier.weight"] = b["classifier.weight"].add(half, Scalars.One);
        Check.Close(0.5 * Math.Sqrt(b["classifier.weight"].numel()), Distance.Euclidean(layout, a, b), 1e-6, 0, "d");
    }

    /// <summary>Flipping k of the binary MLP's weights gives Hamming distance k / #weights; a scrambled copy aligned back gives 0.</summary>
    [Fact]
    public void HammingDistanceIsTheFractionOfDifferingSigns()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:11,9,7,3");
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 72);
        var b = a.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var w = b["layers.1.weight"].clone();
        w[0, 0] = w[0, 0].neg();
        w[3, 2] = w[3, 2].neg();
        b["layers.1.weight"] = w;
        var total = layout.WeightTensors.Sum(n => a[n].numel());
        Check.Close(2.0 / total, Distance.Hamming(layout, a, b), 1e-12, 0, "hamming");
        var scrambled = SomeNetworks.Scrambled(layout, a, seed: 73);
        Assert.True(Distance.Hamming(layout, a, scrambled) > 0);
        Assert.Equal(0, Distance.Hamming(layout, a, SomeNetworks.AlignedBack(layout, a, scrambled)));
    }

    /// <summary>Linear interpolation reproduces both endpoints and its midpoint is (A + B)/2 in every tensor (1e-6).</summary>
    [Fact]
    public void LinearInterpolationReproducesEndpointsAndMidpoint()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("lenet:4,6,8,5,1,16");
        var a = SomeNetworks.Network(arch, seed: 74);
        var b = SomeNetworks.Network(arch, seed: 75);
        Assert.True(SomeNetworks.MaxRelativeDifference(a, LinearInterpolation.Point(a, b, 0)) < 1e-6);
        Assert.True(SomeNetworks.MaxRelativeDifference(b, LinearInterpolation.Point(a, b, 1)) < 1e-6);
        var mid = a.ToDictionary(kv => kv.Key, kv => kv.Value.add(b[kv.Key], Scalars.One).div(Scalars.Two));
        Assert.True(SomeNetworks.MaxRelativeDifference(mid, LinearInterpolation.Point(a, b, 0.5)) < 1e-6);
    }

    /// <summary>
    /// The Gram-Schmidt plane through w1, w2, w3: each network is the point at its own coordinates (1e-5), w1 at (0, 0),
    /// w2 on the x axis at ||w2 − w1||; BN buffers of every point are w1's.
    /// </summary>
    [Theory]
    [InlineData("mlp:12,9,7,5")]
    [InlineData("vgg16bn:16,10")]
    [InlineData("binary-conv:1,24,3,5,7,3")]
    public void PlaneThroughThreeNetworksContainsEachOfThem(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var w = new[] { 81, 82, 83 }.Select(s => SomeNetworks.Network(arch, s)).ToArray();
        using var plane = new PlaneSection(layout, w[0], w[1], w[2]);
        Assert.Equal((0.0, 0.0), plane.Coordinates[0]);
        Assert.Equal(0.0, plane.Coordinates[1].Y);
        for (var k = 0; k < 3; k++)
        {
            var p = plane.Point(plane.Coordinates[k].X, plane.Coordinates[k].Y);
            var expected = w[k].ToDictionary(kv => kv.Key, kv => layout.BatchNormBuffers.Contains(kv.Key) ? w[0][kv.Key] : kv.Value);
            Assert.True(SomeNetworks.MaxRelativeDifference(expected, p) < 1e-5, $"network {k + 1}");
        }
    }
}
