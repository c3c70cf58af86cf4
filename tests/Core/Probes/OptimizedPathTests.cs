using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Core.Training;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>The single-bend path A → M → B (METHOD.md §4, paper Fig. 3).</summary>
public sealed class OptimizedPathTests
{
    /// <summary>
    /// 2·points − 1 fractions with the trained midpoint at t = 0.5; the endpoints are A's and B's errors; the trained
    /// midpoint reaches zero train error and its distances to both ends are positive.
    /// </summary>
    [Fact]
    public void OptimizedPathBendsAtTheTrainedMidpoint()
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var (a, b) = (SomeTasks.TrainedMlp(1), SomeTasks.TrainedMlp(2));
        var aligned = WeightMatching.Align(layout, a, b).Aligned;
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, SomeTasks.Hmm.Test);
        var result = OptimizedPath.Evaluate(evaluator, PathKind.LinearAligned, layout, a, aligned, SomeTasks.Hmm.Train,
            new SgdOptions(0.02, 0.9, true, 20, 40, 0, 1), 4);
        double[] expected = [0, 1.0 / 6, 1.0 / 3, 0.5, 2.0 / 3, 5.0 / 6, 1];
        Assert.Equal(expected.Length, result.Curve.T.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Curve.T[i], 12);
        Assert.Equal(0.0, result.MidpointTrainError);
        Assert.Equal(evaluator.Evaluate(a).Train, result.Curve.TrainError[0]);
        Assert.Equal(evaluator.Evaluate(result.Midpoint).Train, result.Curve.TrainError[3]);
        Assert.True(result.DistanceAM > 0 && result.DistanceMB > 0);
    }

    /// <summary>
    /// Geodesic kind: the midpoint, trained from the geodesic midpoint of normalized endpoints (whose radii would make SGD
    /// diverge untreated), comes back finite and on the torus (every hidden unit at norm sqrt(fan_in), 1e-4 relative).
    /// </summary>
    [Fact]
    public void OptimizedGeodesicMidpointIsFiniteAndOnTheTorus()
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var na = UnitNormalization.Normalize(layout, SomeTasks.TrainedMlp(1));
        var nb = WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, SomeTasks.TrainedMlp(2))).Aligned;
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var result = OptimizedPath.Evaluate(evaluator, PathKind.GeodesicAligned, layout, na, nb, SomeTasks.Hmm.Train,
            new SgdOptions(0.05, 0.9, true, 20, 20, 0, 1), 3);
        Assert.True(double.IsFinite(result.DistanceAM) && double.IsFinite(result.DistanceMB) && result.DistanceAM > 0);
        Assert.True(result.MidpointTrainError < 0.05, $"midpoint train error {result.MidpointTrainError}");
        foreach (var (name, rows) in Reproduce.Core.Geometry.Spheres.Rows(layout, result.Midpoint).Take(layout.Groups.Count))
            foreach (var n in Reproduce.Core.Geometry.Spheres.RowNorms(rows).data<double>().ToArray())
                Assert.True(Math.Abs(n - Math.Sqrt(rows.shape[1])) <= 1e-4 * Math.Sqrt(rows.shape[1]), $"{name}: norm {n}");
    }

    /// <summary>
    /// A midpoint whose training diverges is retrained from M₀ at half the rate, up to <see cref="OptimizedPath.DivergenceRetries"/>
    /// times: at 1e30 every rate diverges and the probe fails naming the rates tried; at a rate that diverges at first the
    /// result carries the lower rate that trained, and a finite midpoint.
    /// </summary>
    [Fact]
    public void DivergedMidpointTrainingIsRetriedAtHalfTheLearningRate()
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var (a, b) = (SomeTasks.TrainedMlp(1), SomeTasks.TrainedMlp(2));
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var e = Assert.Throws<InvalidOperationException>(() => OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b,
            SomeTasks.Hmm.Train, new SgdOptions(1e30, 0.9, true, 20, 2, 0, 1), 3));
        Assert.Contains("at every learning rate from 1E+30 down to 1.25E+29", e.Message);

        var lr = FirstDivergingRate(evaluator, layout, a, b);
        var result = OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b, SomeTasks.Hmm.Train, new SgdOptions(lr, 0.9, true, 20, 2, 0, 1), 3);
        Assert.True(result.MidpointLearningRate < lr && result.MidpointLearningRate >= lr / 8, $"trained at {result.MidpointLearningRate}");
        Assert.All(result.Midpoint.Values, t => Assert.True(t.isfinite().all().item<bool>()));
    }

    /// <summary>The smallest power of 2 at which the linear midpoint's training diverges while half of it does not.</summary>
    private static double FirstDivergingRate(NetworkEvaluator evaluator, UnitLayout layout, Dictionary<string, Tensor> a, Dictionary<string, Tensor> b)
    {
        for (var lr = 1.0; lr < 1e30; lr *= 2)
        {
            var r = OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b, SomeTasks.Hmm.Train, new SgdOptions(lr, 0.9, true, 20, 2, 0, 1), 3);
            if (r.MidpointLearningRate < lr) return lr;
        }
        throw new InvalidOperationException("no learning rate up to 1e30 diverged");
    }
}
