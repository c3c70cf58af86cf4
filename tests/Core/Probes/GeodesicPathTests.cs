using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Tests.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>The prepared geodesic that the path probes walk, against <see cref="Geodesic.Point"/>.</summary>
public sealed class GeodesicPathTests
{
    /// <summary>Every point equals Geodesic.Point to 1e-5 of each tensor's largest entry; t = 0 and t = 1 are A and B exactly.</summary>
    [Theory]
    [InlineData("mlp:12,9,7,5")]
    [InlineData("lenet:4,6,8,5,1,16")]
    [InlineData("vgg16bn:16,10")]
    public void PreparedGeodesicMatchesGeodesicPoint(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, 1));
        var b = WeightMatching.Align(layout, a, UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, 2))).Aligned;
        using var path = new GeodesicPath(layout, a, b);
        foreach (var t in new[] { 0.1, 0.5, 0.77 })
            Assert.True(SomeNetworks.MaxRelativeDifference(Geodesic.Point(layout, a, b, t), path.Point(t)) < 1e-5, $"t = {t}");
        Assert.Equal(0.0, SomeNetworks.MaxRelativeDifference(a, path.Point(0)));
        Assert.Equal(0.0, SomeNetworks.MaxRelativeDifference(b, path.Point(1)));
    }

    /// <summary>
    /// Writing a point in place into another network's tensors gives Point(t) bit for bit (tolerance 0), every tensor
    /// written; mlp:301,400,50,10 writes its first layer in blocks of rows, the last block shorter.
    /// </summary>
    [Theory]
    [InlineData("mlp:12,9,7,5")]
    [InlineData("mlp:301,400,50,10")]
    [InlineData("lenet:4,6,8,5,1,16")]
    [InlineData("vgg16bn:16,10")]
    public void WritingInPlaceEqualsThePointExactly(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, 1));
        var b = WeightMatching.Align(layout, a, UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, 2))).Aligned;
        var target = SomeNetworks.Network(arch, 3);
        using var path = new GeodesicPath(layout, a, b);
        foreach (var t in new[] { 0.0, 0.1, 0.5, 0.77, 1.0 })
        {
            using (no_grad()) path.Write(target, t);
            Assert.Equal(0.0, SomeNetworks.MaxRelativeDifference(path.Point(t), target));
        }
    }
}
