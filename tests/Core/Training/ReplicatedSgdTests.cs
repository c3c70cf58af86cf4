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
}
