using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Core.Training;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>The single-bend path A → M → B and its midpoint's training (METHOD.md §4, paper Fig. 3, App. B).</summary>
public sealed class OptimizedPathTests
{
    /// <summary>Midpoint training as the SGD-type solutions of <see cref="SomeTasks.TrainedMlp"/> train: Nesterov SGD, batch 20.</summary>
    private static MidpointOptions Sgd(double lr, int epochs, int checks = 4, double maxTrainError = 0) =>
        new(new TrainOptions(OptimizerOptions.Sgd(lr, 0.9, true, LearningRateSchedule.Constant), 20, epochs, maxTrainError, 1), checks);

    /// <summary>A binary net trained on the HMM task by Adam at 0.01 with latent clipping, 30 epochs: a detached state dict.</summary>
    private static Dictionary<string, Tensor> TrainedBinary(Architecture arch, int seed)
    {
        using var g = DefaultInitialization.GeneratorFor(seed, 0);
        using var model = arch.Create(g);
        using var run = new Sgd(model, SomeTasks.Hmm.Train,
            new TrainOptions(OptimizerOptions.Adam(0.01, schedule: LearningRateSchedule.Constant), 20, 30, 0, seed, ClipLatentWeights: true));
        run.Run();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    /// <summary>
    /// 2·points − 1 fractions with the trained midpoint at t = 0.5; the endpoints are A's and B's errors; the trained
    /// midpoint reaches zero train error, the stage records it as converged, and its distances to both ends are positive.
    /// </summary>
    [Fact]
    public void OptimizedPathBendsAtTheTrainedMidpoint()
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var (a, b) = (SomeTasks.TrainedMlp(1), SomeTasks.TrainedMlp(2));
        var aligned = WeightMatching.Align(layout, a, b).Aligned;
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, SomeTasks.Hmm.Test);
        var result = OptimizedPath.Evaluate(evaluator, PathKind.LinearAligned, layout, a, aligned, SomeTasks.Hmm.Train, Sgd(0.02, 40), 4);
        double[] expected = [0, 1.0 / 6, 1.0 / 3, 0.5, 2.0 / 3, 5.0 / 6, 1];
        Assert.Equal(expected.Length, result.Curve.T.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Curve.T[i], 12);
        var m = Assert.Single(result.Midpoints);
        Assert.True(m.Converged && result.Converged);
        Assert.Equal(0.0, result.MidpointTrainError);
        Assert.Equal(evaluator.Evaluate(a).Train, result.Curve.TrainError[0]);
        Assert.Equal(evaluator.Evaluate(m.State).Train, result.Curve.TrainError[3]);
        Assert.True(result.DistanceAM > 0 && result.DistanceMB > 0);
    }

    /// <summary>
    /// Geodesic kind: the midpoint, trained at the raw endpoints' scale from the geodesic midpoint of the normalized ones,
    /// comes back finite and on the torus (every hidden unit at norm sqrt(fan_in), 1e-4 relative).
    /// </summary>
    [Fact]
    public void OptimizedGeodesicMidpointIsFiniteAndOnTheTorus()
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var rawA = SomeTasks.TrainedMlp(1);
        var rawB = WeightMatching.Align(layout, rawA, SomeTasks.TrainedMlp(2)).Aligned;
        var na = UnitNormalization.Normalize(layout, rawA);
        var nb = UnitNormalization.Normalize(layout, rawB);
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var result = OptimizedPath.Evaluate(evaluator, PathKind.GeodesicAligned, layout, na, nb, SomeTasks.Hmm.Train, Sgd(0.02, 20), 3,
            rawA: rawA, rawB: rawB);
        var m = Assert.Single(result.Midpoints);
        Assert.True(double.IsFinite(result.DistanceAM) && double.IsFinite(result.DistanceMB) && result.DistanceAM > 0);
        Assert.True(m.TrainError <= m.StartTrainError);
        Assert.True(result.MidpointTrainError < 0.05, $"midpoint train error {result.MidpointTrainError}");
        foreach (var (name, rows) in Reproduce.Core.Geometry.Spheres.Rows(layout, m.State).Take(layout.Groups.Count))
            foreach (var n in Reproduce.Core.Geometry.Spheres.RowNorms(rows).data<double>().ToArray())
                Assert.True(Math.Abs(n - Math.Sqrt(rows.shape[1])) <= 1e-4 * Math.Sqrt(rows.shape[1]), $"{name}: norm {n}");
    }

    /// <summary>
    /// M₀ already at the threshold (the midpoint of a solution and itself) is returned untrained: no step, the same
    /// weights bit for bit, converged.
    /// </summary>
    [Fact]
    public void AMidpointAlreadyAtZeroTrainErrorIsReturnedUnchanged()
    {
        using var scope = NewDisposeScope();
        var a = SomeTasks.TrainedMlp(1);
        var r = MidpointTraining.Train(SomeTasks.Mlp, a, SomeTasks.Hmm.Train, Sgd(0.02, 5).Training, 4);
        Assert.Equal(0.0, r.StartTrainError);
        Assert.True(r.Converged);
        Assert.Equal(0L, r.Steps);
        foreach (var (name, t) in a) Assert.True(t.eq(r.State[name]).all().item<bool>(), name);
    }

    /// <summary>
    /// However the training goes (a rate too small to reach the threshold, a rate so large it wrecks the weights, one epoch
    /// only), the returned midpoint's train error never ends above M₀'s; and at the large rate the last state is worse than
    /// M₀, so keeping the best state is what the assertion tests.
    /// </summary>
    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.02)]
    [InlineData(50.0)]
    public void AMidpointNeverEndsAboveItsStart(double lr)
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var (a, b) = (SomeTasks.TrainedMlp(1), SomeTasks.TrainedMlp(2));
        var m0 = PathProbe.Point(PathKind.Linear, layout, a, b, 0.5);
        var r = MidpointTraining.Train(SomeTasks.Mlp, m0, SomeTasks.Hmm.Train, Sgd(lr, 1, checks: 2).Training, 2);
        Assert.True(r.StartTrainError > 0, "the unaligned linear midpoint should not fit the data");
        Assert.True(r.TrainError <= r.StartTrainError, $"lr {lr}: M {r.TrainError} above M0 {r.StartTrainError}");
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        Assert.Equal(r.TrainError, evaluator.Evaluate(r.State).Train);
    }

    /// <summary>
    /// A binary midpoint trains with the binary solutions' optimizer (Adam here) and keeps its latent weights in [−1, 1]
    /// after every step; the stored midpoint is such a latent state, and its train error is no worse than M₀'s.
    /// </summary>
    [Fact]
    public void ABinaryMidpointTrainsWithTheBinaryOptimizerAndKeepsItsLatentWeightsClipped()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:40,32,2");
        var layout = Layouts.For(arch);
        var (a, b) = (TrainedBinary(arch, 1), TrainedBinary(arch, 2));
        using var evaluator = new NetworkEvaluator(arch, SomeTasks.Hmm.Train, null);
        var options = new MidpointOptions(new TrainOptions(OptimizerOptions.Adam(0.01, schedule: LearningRateSchedule.Constant), 20, 10, 0, 7,
            ClipLatentWeights: true), 4);
        var result = OptimizedPath.Evaluate(evaluator, PathKind.Hamming, layout, a, b, SomeTasks.Hmm.Train, options, 3, midpoints: 2, orders: 2);
        Assert.Equal(2, result.Midpoints.Count);
        foreach (var m in result.Midpoints)
        {
            Assert.True(m.Steps > 0, "M0 of two different binary nets should need training");
            Assert.True(m.TrainError <= m.StartTrainError);
            foreach (var (name, t) in m.State)
                Assert.True(t.abs().max().item<float>() <= 1f, $"{name}: latent weights outside [-1, 1]");
        }
        // Unclipped, Adam at this rate leaves the box: the clipping is what keeps the weights inside.
        var unclipped = MidpointTraining.Train(arch, PathProbe.Point(PathKind.Linear, layout, a, b, 0.5), SomeTasks.Hmm.Train,
            options.Training with { ClipLatentWeights = false, Epochs = 3, MaxTrainError = -1 }, 1);
        Assert.Contains(unclipped.State.Values, t => t.abs().max().item<float>() > 1f);
    }

    /// <summary>
    /// A hamming-aligned midpoint (endpoints normalized: ±r/√fan_in) given the endpoints' latent weights starts from their
    /// Hamming midpoint — the same signs, so the same M₀ train error as the normalized midpoint — and trains from there; the
    /// stored midpoint is normalized like the endpoints (every weight ±r/√fan_in). Started from the normalized weights
    /// themselves (on the edge of the clipping box), the same training does not leave M₀ in as many steps.
    /// </summary>
    [Fact]
    public void AnAlignedBinaryMidpointTrainsFromTheEndpointsLatentWeights()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:40,32,2");
        var layout = Layouts.For(arch);
        var (a, b) = (TrainedBinary(arch, 1), TrainedBinary(arch, 2));
        var (na, nb) = (UnitNormalization.Normalize(layout, a), UnitNormalization.Normalize(layout, b));
        var alignment = WeightMatching.Align(layout, na, nb);
        var latentB = WeightMatching.Apply(layout, b, alignment.Groups);
        using var evaluator = new NetworkEvaluator(arch, SomeTasks.Hmm.Train, null);
        var options = new MidpointOptions(new TrainOptions(OptimizerOptions.Adam(0.001, schedule: LearningRateSchedule.Constant), 20, 5, 0, 7,
            ClipLatentWeights: true), 4);
        var fromLatent = Assert.Single(OptimizedPath.Evaluate(evaluator, PathKind.HammingAligned, layout, na, alignment.Aligned, SomeTasks.Hmm.Train,
            options, 3, rawA: a, rawB: latentB).Midpoints);
        var fromSigns = Assert.Single(OptimizedPath.Evaluate(evaluator, PathKind.HammingAligned, layout, na, alignment.Aligned, SomeTasks.Hmm.Train,
            options, 3).Midpoints);
        Assert.Equal(fromSigns.StartTrainError, fromLatent.StartTrainError);
        Assert.True(fromLatent.StartTrainError > 0, "the aligned midpoint of two different binary nets should need training");
        Assert.True(fromLatent.TrainError < fromLatent.StartTrainError, $"from latent weights: {fromLatent.StartTrainError} -> {fromLatent.TrainError}");
        Assert.True(fromLatent.TrainError < fromSigns.TrainError, $"latent start {fromLatent.TrainError}, sign start {fromSigns.TrainError}");
        foreach (var name in layout.WeightTensors)
        {
            var w = fromLatent.State[name];
            var magnitudes = w.abs();
            Assert.True(magnitudes.eq(magnitudes.max()).all().item<bool>(), $"{name}: not normalized (one magnitude expected everywhere)");
        }
    }

    /// <summary>
    /// A midpoint whose training diverges is retrained from M₀ at half the rate, up to <see cref="OptimizedPath.DivergenceRetries"/>
    /// times: at 1e30 every rate diverges and the result is M₀ itself, finite and not converged; at a rate that diverges at
    /// first, the result carries the lower rate that trained and a finite midpoint.
    /// </summary>
    [Fact]
    public void DivergedMidpointTrainingIsRetriedAtHalfTheLearningRate()
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var (a, b) = (SomeTasks.TrainedMlp(1), SomeTasks.TrainedMlp(2));
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var hopeless = Assert.Single(OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b, SomeTasks.Hmm.Train, Sgd(1e30, 2), 3).Midpoints);
        Assert.False(hopeless.Converged);
        Assert.Equal(hopeless.StartTrainError, hopeless.TrainError);
        Assert.All(hopeless.State.Values, t => Assert.True(t.isfinite().all().item<bool>()));

        var lr = FirstDivergingRate(evaluator, layout, a, b);
        var m = Assert.Single(OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b, SomeTasks.Hmm.Train, Sgd(lr, 2), 3).Midpoints);
        Assert.True(m.LearningRate < lr && m.LearningRate >= lr / 8, $"trained at {m.LearningRate}");
        Assert.All(m.State.Values, t => Assert.True(t.isfinite().all().item<bool>()));
    }

    /// <summary>
    /// A continuous midpoint's training is a descent from M₀ (<see cref="MidpointOptions.RestartOnLossRise"/>): at a rate where a
    /// check finds the mean train loss above M₀'s (without the weights becoming non-finite), training stops there, keeps the best
    /// state (never above M₀) and OptimizedPath restarts from M₀ at half the rate; without the rule (binary nets) the same rate
    /// trains on unchanged. At a rate whose checks never rise, the rule changes nothing, bit for bit.
    /// </summary>
    [Fact]
    public void AMidpointWhoseTrainLossRisesAboveM0sIsRestartedAtHalfTheRate()
    {
        using var scope = NewDisposeScope();
        var layout = Layouts.For(SomeTasks.Mlp);
        var (a, b) = (SomeTasks.TrainedMlp(1), SomeTasks.TrainedMlp(2));
        var m0 = PathProbe.Point(PathKind.Linear, layout, a, b, 0.5);
        MidpointResult? unstable = null;
        var lr = 0.25;
        for (; lr < 1e6 && unstable is null; lr *= 2)
        {
            var r = MidpointTraining.Train(SomeTasks.Mlp, m0, SomeTasks.Hmm.Train, Sgd(lr, 2, checks: 4).Training, 4, stopOnLossRise: true);
            if (r.Unstable && !r.Diverged) unstable = r;
        }
        lr /= 2;
        Assert.NotNull(unstable);
        Assert.True(unstable.TrainError <= unstable.StartTrainError, $"lr {lr}: M {unstable.TrainError} above M0 {unstable.StartTrainError}");
        Assert.False(unstable.Converged);
        var free = MidpointTraining.Train(SomeTasks.Mlp, m0, SomeTasks.Hmm.Train, Sgd(lr, 2, checks: 4).Training, 4);
        Assert.False(free.Unstable);
        Assert.True(free.Steps > unstable.Steps, $"lr {lr}: the unstable training stopped at step {unstable.Steps}, the free one ran {free.Steps}");

        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var rule = Sgd(lr, 2, checks: 4) with { RestartOnLossRise = true };
        var restarted = Assert.Single(OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b, SomeTasks.Hmm.Train, rule, 3).Midpoints);
        Assert.InRange(restarted.Restarts, 1, OptimizedPath.DivergenceRetries);
        Assert.True(restarted.LearningRate <= lr / 2, $"trained at {restarted.LearningRate}");
        Assert.True(restarted.TrainError <= restarted.StartTrainError);
        var plain = Assert.Single(OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b, SomeTasks.Hmm.Train, Sgd(lr, 2, checks: 4), 3).Midpoints);
        Assert.Equal((0, lr), (plain.Restarts, plain.LearningRate));

        var calm = MidpointTraining.Train(SomeTasks.Mlp, m0, SomeTasks.Hmm.Train, Sgd(0.002, 2, checks: 4).Training, 4, stopOnLossRise: true);
        Assert.False(calm.Unstable);
        var calmFree = MidpointTraining.Train(SomeTasks.Mlp, m0, SomeTasks.Hmm.Train, Sgd(0.002, 2, checks: 4).Training, 4);
        Assert.Equal((calmFree.Steps, calmFree.TrainError), (calm.Steps, calm.TrainError));
        foreach (var (name, t) in calmFree.State) Assert.True(t.eq(calm.State[name]).all().item<bool>(), name);
    }

    /// <summary>The smallest power of 2 at which the linear midpoint's training diverges while a lower rate does not.</summary>
    private static double FirstDivergingRate(NetworkEvaluator evaluator, UnitLayout layout, Dictionary<string, Tensor> a, Dictionary<string, Tensor> b)
    {
        for (var lr = 1.0; lr < 1e30; lr *= 2)
        {
            var r = OptimizedPath.Evaluate(evaluator, PathKind.Linear, layout, a, b, SomeTasks.Hmm.Train, Sgd(lr, 2), 3);
            if (r.Midpoints[0].LearningRate < lr) return lr;
        }
        throw new InvalidOperationException("no learning rate up to 1e30 diverged");
    }
}
