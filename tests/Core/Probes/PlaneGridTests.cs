using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Tests.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>The 2-D section through three networks (METHOD.md §4, paper Fig. 4).</summary>
public sealed class PlaneGridTests
{
    /// <summary>
    /// The three networks lie at (0, 0), (‖w2 − w1‖, 0) and above the x axis, each at a grid point, and the errors stored
    /// at those grid points are the networks' own (train and test, exactly; the networks are untrained, so their errors differ).
    /// </summary>
    [Fact]
    public void PlaneContainsTheThreeNetworksAtTheirCoordinates()
    {
        using var scope = NewDisposeScope();
        var arch = SomeTasks.Mlp;
        var layout = Layouts.For(arch);
        var w = new[] { SomeNetworks.Network(arch, 1), SomeNetworks.Network(arch, 2), SomeNetworks.Network(arch, 3) };
        using var evaluator = new NetworkEvaluator(arch, SomeTasks.Hmm.Train, SomeTasks.Hmm.Test);
        var plane = PlaneGrid.Evaluate(evaluator, layout, w[0], w[1], w[2], resolution: 5, margin: 0.2);

        var flat = w.Select(sd => cat(sd.Values.Select(t => t.flatten().to(ScalarType.Float64)).ToList(), 0)).ToArray();
        Assert.Equal((0.0, 0.0), plane.Points[0]);
        Assert.Equal(flat[1].sub(flat[0]).norm().item<double>(), plane.Points[1].X, 9);
        Assert.Equal(0.0, plane.Points[1].Y);
        Assert.True(plane.Points[2].Y > 0);
        for (var k = 0; k < 3; k++)
        {
            var i = plane.X.ToList().IndexOf(plane.Points[k].X);
            var j = plane.Y.ToList().IndexOf(plane.Points[k].Y);
            Assert.True(i >= 0 && j >= 0, $"network {k + 1} at {plane.Points[k]} is not a grid point");
            var (train, test) = evaluator.Evaluate(w[k]);
            Assert.Equal(train, plane.TrainError[j][i]);
            Assert.Equal(test, plane.TestError[j][i]);
        }
        Assert.Equal(plane.Y.Count, plane.TrainError.Length);
        Assert.All(plane.TrainError, row => Assert.Equal(plane.X.Count, row.Length));
    }

    /// <summary>The grid covers the points with the margin on both sides and is increasing.</summary>
    [Fact]
    public void AxisCoversThePointsWithTheMargin()
    {
        var axis = PlaneGrid.Axis([0.0, 2.0, 0.7], 5, 0.25);
        Assert.Equal(-0.5, axis[0], 12);
        Assert.Equal(2.5, axis[^1], 12);
        Assert.Contains(0.7, axis);
        Assert.Equal(axis.Order(), axis);
        Assert.Equal(8, axis.Count); // 5 even values and the 3 points' own
    }
}
