using TorchSharp;
using Reproduce.Core.Numerics;
using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Reproduce.Tests.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Geometry;

/// <summary>The geodesic between two normalized, aligned networks of every architecture (METHOD.md §4).</summary>
public sealed class GeodesicTests
{
    /// <summary>w(0) = A and w(1) = B in every tensor (1e-5 of each tensor's largest entry).</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void GeodesicReproducesBothEndpoints(string text)
    {
        using var scope = NewDisposeScope();
        var (layout, a, b) = Pair(text);
        Assert.True(SomeNetworks.MaxRelativeDifference(a, Geodesic.Point(layout, a, b, 0)) < 1e-5);
        Assert.True(SomeNetworks.MaxRelativeDifference(b, Geodesic.Point(layout, a, b, 1)) < 1e-5);
    }

    /// <summary>At t = 0.25, 0.5, 0.8 every hidden unit and the last layer keep their target norm (1e-5 relative).</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void GeodesicStaysOnEveryUnitsSphere(string text)
    {
        using var scope = NewDisposeScope();
        var (layout, a, b) = Pair(text);
        foreach (var t in new[] { 0.25, 0.5, 0.8 })
        {
            var rows = Spheres.Rows(layout, Geodesic.Point(layout, a, b, t));
            for (var k = 0; k < rows.Count; k++)
            {
                var target = k < layout.Groups.Count ? Math.Sqrt(rows[k].Rows.shape[1]) : Math.Sqrt(rows[k].Rows.numel());
                foreach (var n in Spheres.RowNorms(rows[k].Rows).data<double>().ToArray()) Check.Close(target, n, 1e-5, 0, $"{rows[k].Name} at t = {t}");
            }
        }
    }

    /// <summary>
    /// The path's length, Σ of 400 chords' Euclidean lengths over the weight tensors, equals the geodesic distance
    /// (rtol 1e-3: chords undershoot arcs by O(1/steps²)).
    /// </summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void GeodesicLengthEqualsTheGeodesicDistance(string text)
    {
        using var scope = NewDisposeScope();
        var (layout, a, b) = Pair(text);
        const int steps = 400;
        var length = 0.0;
        var previous = a;
        for (var s = 1; s <= steps; s++)
        {
            using var step = NewDisposeScope();
            var point = Geodesic.Point(layout, a, b, (double)s / steps);
            length += Distance.Euclidean(layout, previous, point);
            if (s > 1) foreach (var t in previous.Values) t.Dispose();
            previous = point;
            foreach (var t in point.Values) t.MoveToOuterDisposeScope();
        }
        Check.Close(Geodesic.Distance(layout, a, b), length, 1e-3, 0, "length");
    }

    /// <summary>The stable angle 2·atan2(||a − b||, ||a + b||) resolves θ = 1e-7 to 1e-6 relative, where arccos gives 0.</summary>
    [Fact]
    public void AnglesAreAccurateNearZero()
    {
        using var scope = NewDisposeScope();
        const double theta = 1e-7;
        using var five = 5.ToScalar();
        var a = tensor(new double[] { 1, 0, 0 }).reshape(1, 3).mul(five);
        var b = tensor(new[] { Math.Cos(theta), Math.Sin(theta), 0 }).reshape(1, 3).mul(five);
        Check.Close(theta, Spheres.Angles(a, b).item<double>(), 1e-6, 0, "θ");
    }

    /// <summary>d(A, B) = d(B, A), d(A, A) = 0, and the distance of two points on the path is |t1 − t2|·d (1e-5).</summary>
    [Fact]
    public void GeodesicDistanceIsAMetricAlongThePath()
    {
        using var scope = NewDisposeScope();
        var (layout, a, b) = Pair("vgg16bn:16,10");
        var d = Geodesic.Distance(layout, a, b);
        Check.Close(d, Geodesic.Distance(layout, b, a), 1e-9, 0, "symmetry");
        Assert.True(Geodesic.Distance(layout, a, a) < 1e-3);
        var p = Geodesic.Point(layout, a, b, 0.2);
        var q = Geodesic.Point(layout, a, b, 0.7);
        Check.Close(0.5 * d, Geodesic.Distance(layout, p, q), 1e-4, 0, "d(w(0.2), w(0.7))");
    }

    /// <summary>Two unrelated random networks, normalized, B aligned to A.</summary>
    private static (UnitLayout Layout, Dictionary<string, Tensor> A, Dictionary<string, Tensor> B) Pair(string text)
    {
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, seed: 61));
        var b = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, seed: 62));
        return (layout, a, WeightMatching.Align(layout, a, b).Aligned);
    }
}
