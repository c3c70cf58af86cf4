using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Tests.Core.Symmetry;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>Paths between networks (METHOD.md §4) on cases with known answers.</summary>
public sealed class PathProbeTests
{
    private static readonly UnitLayout Layout = Layouts.For(SomeTasks.Mlp);

    /// <summary>
    /// A trained net and its permuted copy are the same function: after alignment the linear path is constant (barrier =
    /// the endpoint error, nothing above the line, exactly); before alignment the straight line leaves the solution.
    /// </summary>
    [Fact]
    public void PermutedCopyHasZeroBarrierAfterAlignmentOnly()
    {
        using var scope = NewDisposeScope();
        var a = SomeTasks.TrainedMlp(1);
        var b = SomeTasks.Permuted(Layout, a, 5);
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, SomeTasks.Hmm.Test);
        var t = PathCurve.Uniform(11);
        var aligned = WeightMatching.Align(Layout, a, b).Aligned;
        var after = PathProbe.Evaluate(evaluator, PathKind.LinearAligned, Layout, a, aligned, t);
        var before = PathProbe.Evaluate(evaluator, PathKind.Linear, Layout, a, b, t);
        var error = evaluator.Evaluate(a).Train;
        Assert.Equal(error, after.Barrier);
        Assert.Equal(0.0, after.BarrierAboveLine, 12);
        Assert.True(before.BarrierAboveLine > 0.02, $"unaligned barrier above the line {before.BarrierAboveLine} should be clearly positive");
    }

    /// <summary>The same with unit rescalings too: only the geodesic between normalized, aligned copies has zero barrier.</summary>
    [Fact]
    public void RescaledPermutedCopyHasZeroGeodesicBarrier()
    {
        using var scope = NewDisposeScope();
        var a = SomeTasks.TrainedMlp(1);
        var b = SomeNetworks.Scrambled(Layout, a, 9);
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var na = UnitNormalization.Normalize(Layout, a);
        var nb = WeightMatching.Align(Layout, na, UnitNormalization.Normalize(Layout, b)).Aligned;
        var curve = PathProbe.Evaluate(evaluator, PathKind.GeodesicAligned, Layout, na, nb, PathCurve.Uniform(9));
        Assert.Equal(0.0, curve.BarrierAboveLine, 12);
        Assert.Equal(evaluator.Evaluate(a).Train, curve.Barrier);
    }

    /// <summary>The geodesic between two normalized, aligned solutions starts and ends at their raw errors, train and test (exactly).</summary>
    [Fact]
    public void GeodesicBetweenNormalizedEndpointsReproducesBothErrors()
    {
        using var scope = NewDisposeScope();
        var (a, b) = (SomeTasks.TrainedMlp(1), SomeTasks.TrainedMlp(2));
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, SomeTasks.Hmm.Test);
        var na = UnitNormalization.Normalize(Layout, a);
        var nb = WeightMatching.Align(Layout, na, UnitNormalization.Normalize(Layout, b)).Aligned;
        var curve = PathProbe.Evaluate(evaluator, PathKind.GeodesicAligned, Layout, na, nb, PathCurve.Uniform(5));
        var (ea, eb) = (evaluator.Evaluate(a), evaluator.Evaluate(b));
        Assert.Equal([ea.Train, ea.Test], [curve.TrainError[0], curve.TestError[0]]);
        Assert.Equal([eb.Train, eb.Test], [curve.TrainError[^1], curve.TestError[^1]]);
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], curve.T);
    }

    /// <summary>
    /// A Hamming path between two binary nets has one step per differing weight sign; step 0 is A and the last step is B
    /// exactly; consecutive steps differ in exactly one sign.
    /// </summary>
    [Fact]
    public void HammingPathHasOneStepPerDifferingWeight()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:11,9,7,3");
        var layout = Layouts.For(arch);
        var (a, b) = (SomeNetworks.Network(arch, 1), SomeNetworks.Network(arch, 2));
        var weights = layout.WeightTensors.Sum(n => a[n].numel());
        var differing = (long)Math.Round(Distance.Hamming(layout, a, b) * weights);
        using var path = new HammingPath(layout, a, b, new Generator(3));
        Assert.Equal(differing, path.Steps);
        Assert.True(path.Steps > 10);
        Assert.Equal(0.0, SomeNetworks.MaxRelativeDifference(a, path.Step(0)));
        Assert.Equal(0.0, SomeNetworks.MaxRelativeDifference(b, path.Step(path.Steps)));
        var previous = path.Step(0);
        for (var k = 1; k <= path.Steps; k++)
        {
            var next = path.Step(k);
            Assert.Equal(1.0 / weights, Distance.Hamming(layout, previous, next), 12);
            previous = next;
        }
    }

    /// <summary>The Hamming path's curve averages several orders; its endpoints are the binary nets' own errors.</summary>
    [Fact]
    public void HammingCurveEndsAtBothNetworksErrors()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:40,31,21,2");
        var layout = Layouts.For(arch);
        var (a, b) = (SomeNetworks.Network(arch, 1), SomeNetworks.Network(arch, 2));
        using var evaluator = new NetworkEvaluator(arch, SomeTasks.Hmm.Train, SomeTasks.Hmm.Test);
        var curve = PathProbe.Evaluate(evaluator, PathKind.Hamming, layout, a, b, PathCurve.Uniform(6), orders: 3, seed: 1);
        Assert.Equal(evaluator.Evaluate(a).Train, curve.TrainError[0], 12);
        Assert.Equal(evaluator.Evaluate(b).Test, curve.TestError[^1], 12);
    }
}
