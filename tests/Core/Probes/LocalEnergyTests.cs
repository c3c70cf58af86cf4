using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Tests.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>Local energy (METHOD.md §5) on cases with known answers.</summary>
public sealed class LocalEnergyTests
{
    /// <summary>At σ = 0 the perturbed network is the network: dE, computed like any level, is exactly 0 (no tolerance), with zero spread.</summary>
    [Fact]
    public void LocalEnergyAtSigmaZeroIsExactlyZero()
    {
        var sd = SomeTasks.TrainedMlp(1);
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var result = LocalEnergy.Measure(evaluator, Layouts.For(SomeTasks.Mlp), sd, [0.0, 0.3], 3, 7);
        Assert.Equal(LocalEnergy.Gaussian, result.Noise);
        Assert.Equal(0.0, result.Mean[0]);
        Assert.Equal(0.0, result.Std[0]);
        Assert.True(result.Mean[1] > 0, $"dE(0.3) = {result.Mean[1]} should be positive for a trained net");
    }

    /// <summary>Binary nets: at p = 0 no sign is flipped, dE is exactly 0; at p = 0.3 it is not.</summary>
    [Fact]
    public void LocalEnergyAtFlipFractionZeroIsExactlyZero()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:40,31,21,2");
        var sd = SomeNetworks.Network(arch, 5);
        using var evaluator = new NetworkEvaluator(arch, SomeTasks.Hmm.Train, null);
        var result = LocalEnergy.Measure(evaluator, Layouts.For(arch), sd, [0.0, 0.3], 2, 7);
        Assert.Equal(LocalEnergy.SignFlip, result.Noise);
        Assert.Equal(0.0, result.Mean[0]);
        Assert.NotEqual(0.0, result.Mean[1]);
    }

    /// <summary>The same seed gives the same curve (bit for bit).</summary>
    [Fact]
    public void LocalEnergyIsDeterministicForASeed()
    {
        var sd = SomeTasks.TrainedMlp(1);
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, null);
        var layout = Layouts.For(SomeTasks.Mlp);
        var first = LocalEnergy.Measure(evaluator, layout, sd, [0.2, 0.5], 2, 11);
        var second = LocalEnergy.Measure(evaluator, layout, sd, [0.2, 0.5], 2, 11);
        Assert.Equal(first.Mean, second.Mean);
    }

    /// <summary>A batch-norm net (VGG16-BN at width/16) with BN statistics recomputed at every point: dE(0) is exactly 0 too.</summary>
    [Fact]
    public void LocalEnergyAtSigmaZeroIsExactlyZeroWithBatchNormRecompute()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("vgg16bn:16,10");
        var g = new Generator(4);
        using var data = new Reproduce.Core.Data.Dataset("images", randn([16, 3, 32, 32], generator: g), randint(0, 10, [16], generator: g), 10);
        using var evaluator = new NetworkEvaluator(arch, data, null, recomputeBatchNorm: true);
        var result = LocalEnergy.Measure(evaluator, Layouts.For(arch), SomeNetworks.Network(arch, 3), [0.0], 2, 7);
        Assert.Equal(0.0, result.Mean[0]);
    }
}
