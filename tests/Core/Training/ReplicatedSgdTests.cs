using Reproduce.Core.Numerics;
using Reproduce.Core.Training;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Training;

public class ReplicatedSgdTests
{
    private static ReplicatedSgd Run(int epochs, double gammaMax = 1e4)
    {
        var data = ToyTask.Data();
        return new ReplicatedSgd(ToyTask.Net, data, ToyTask.Options(epochs, seed: 5, maxError: -1), new ReplicaOptions(3, gammaMax));
    }

    [Fact]
    public void ReplicasContractTowardTheCenterAsGammaGrows()
    {
        // maxError −1: never converged, so all 20 epochs run and γ grows by 1e4 over them.
        using var run = Run(20);
        var start = run.MeanDistanceToCenter();
        run.Run();
        var d = run.History.Select(e => e.ReplicaDistance!.Value).ToList();
        var g = run.History.Select(e => e.Gamma!.Value).ToList();
        Assert.All(g.Zip(g.Skip(1)), p => Assert.True(p.Second > p.First, "γ must grow every epoch"));
        Assert.Equal(run.InitialGamma * 1e4, run.GammaAt(20), 1e-9 * run.InitialGamma * 1e4);
        // The last epoch couples at γ₀·γ_max (METHOD.md §6), the first at more than γ₀.
        Assert.Equal(20, g.Count);
        Assert.Equal(run.InitialGamma * 1e4, g[^1], 1e-9 * run.InitialGamma * 1e4);
        Assert.True(g[0] > run.InitialGamma);
        // Contraction: the last 5 epochs only shrink the distance, which ends far below where it started and where it peaked.
        Assert.All(d.Skip(15).Zip(d.Skip(16)), p => Assert.True(p.Second < p.First, $"distance grew from {p.First} to {p.Second}"));
        Assert.True(d[^1] < 0.1 * start, $"final distance {d[^1]} is not below a tenth of the initial {start}");
        Assert.True(d[^1] < 0.1 * d.Max(), $"final distance {d[^1]} vs peak {d.Max()}");
    }

    [Fact]
    public void InitialGammaMakesTheCouplingEqualTheDataLoss()
    {
        using var run = Run(5);
        // Coupling γ₀·mean‖w_a − w_c‖² vs the replicas' mean data loss at initialization (cross-entropy of 3 classes, ~ln 3);
        // float32 sums: tolerance 1e-4 relative.
        var coupling = run.InitialGamma * MeanSquaredDistance(run);
        var loss = run.Replicas.Average(LossOf);
        Assert.True(Math.Abs(coupling - loss) <= 1e-4 * loss, $"coupling {coupling} vs data loss {loss}");
        Assert.True(run.MeanDistanceToCenter() > 0);
    }

    /// <summary>Replicas built alike have distance 0 to their center: γ₀ = L/0 must be refused by name, not become 0 or ∞.</summary>
    [Fact]
    public void ReplicasStartingAtTheSameWeightsAreRefused()
    {
        using var data = ToyTask.Data();
        var e = Assert.Throws<ArgumentException>(() =>
            new ReplicatedSgd(_ => ToyTask.Net(1), data, ToyTask.Options(2), new ReplicaOptions(3, 100)));
        Assert.Contains("start at the same weights", e.Message);
    }

    [Fact]
    public void TheSolutionIsTheMeanOfTheReplicas()
    {
        using var run = Run(3);
        run.Run();
        foreach (var (name, c) in run.Solution.state_dict())
        {
            var mean = stack(run.Replicas.Select(r => r.state_dict()[name]).ToArray()).mean([0L]);
            Assert.True(c.allclose(mean, 0, 1e-6), $"{name} of the center is not the replicas' mean");
        }
    }

    private static double MeanSquaredDistance(ReplicatedSgd run)
    {
        var ps = run.Replicas.Select(r => r.parameters().ToArray()).ToArray();
        var total = 0.0;
        for (var j = 0; j < ps[0].Length; j++)
        {
            var c = stack(ps.Select(p => (Tensor)p[j]).ToArray()).mean([0L]);
            total += ps.Sum(p => p[j].sub(c).pow(Scalars.Two).sum().item<float>());
        }
        return total / ps.Length;
    }

    private static double LossOf(nn.Module<Tensor, Tensor> m)
    {
        using var noGrad = no_grad();
        using var data = ToyTask.Data();
        return DataLoss.Of(m.call(data.Inputs), data.Labels).item<float>();
    }

    /// <summary>
    /// A batch-norm center is evaluated with the running statistics of its own weights (recomputed on the train set,
    /// METHOD.md §6), not with the replicas' mean statistics: after training, its buffers equal a recomputation on a copy of
    /// its weights bit for bit, and differ from the replicas' mean.
    /// </summary>
    [Fact]
    public void ABatchNormCenterHasTheStatisticsOfItsOwnWeights()
    {
        using var scope = NewDisposeScope();
        using var data = Reproduce.Tests.Safety.ProbeNets.Images(64, 10);
        var arch = Reproduce.Core.Models.Architecture.Parse("vgg16bn:64");
        using var run = new ReplicatedSgd(g => arch.Create(g), data, new TrainOptions(OptimizerOptions.Sgd(0.05, 0.9, true), 16, 2, -1, 3),
            new ReplicaOptions(3, 10));
        run.Run();
        using var copy = arch.Create();
        using (no_grad())
            foreach (var (name, t) in copy.state_dict()) t.copy_(run.Solution.state_dict()[name]);
        Reproduce.Core.Models.BatchNormStatistics.Recompute(copy, data, Reproduce.Core.Probes.Evaluator.DefaultBatch);
        var center = run.Solution.state_dict();
        var stats = copy.state_dict().Where(kv => kv.Key.EndsWith("running_mean") || kv.Key.EndsWith("running_var")).ToList();
        Assert.NotEmpty(stats);
        foreach (var (name, t) in stats) Assert.True(t.eq(center[name]).all().item<bool>(), $"{name} differs from its recomputation");
        var replicas = run.Replicas.Select(r => r.state_dict()).ToList();
        Assert.Contains(stats, kv => !stack(replicas.Select(d => d[kv.Key]).ToArray()).mean([0L]).eq(center[kv.Key]).all().item<bool>());
    }
}
