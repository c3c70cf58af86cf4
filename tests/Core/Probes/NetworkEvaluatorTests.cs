using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Tests.Core.Symmetry;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>The in-place evaluator that every probe goes through.</summary>
public sealed class NetworkEvaluatorTests
{
    private static readonly Architecture Vgg = Architecture.Parse("vgg16bn:16,10");

    private static Dataset Images(int n) =>
        new("images", randn([n, 3, 32, 32], generator: new Generator(4)), randint(0, 10, [n], generator: new Generator(5)), 10);

    /// <summary>Loading in place gives the errors of a freshly built module holding the same state dict (exactly).</summary>
    [Fact]
    public void InPlaceLoadMatchesAFreshModule()
    {
        using var scope = NewDisposeScope();
        using var evaluator = new NetworkEvaluator(SomeTasks.Mlp, SomeTasks.Hmm.Train, SomeTasks.Hmm.Test, batch: 64);
        foreach (var seed in new[] { 1, 2 })
        {
            var sd = SomeNetworks.Network(SomeTasks.Mlp, seed);
            using var fresh = SomeTasks.Mlp.Create();
            fresh.load_state_dict(sd);
            Assert.Equal(Evaluator.ErrorRate(fresh, SomeTasks.Hmm.Train), evaluator.Evaluate(sd).Train);
        }
    }

    /// <summary>
    /// BN recompute: after loading a VGG16-BN (width/16) with arbitrary running statistics, the first BN's running mean is
    /// the mean of its input over the train subset (two equal batches averaged), to 1e-5.
    /// </summary>
    /// <summary>
    /// One pass gives the mean data loss and the error: the error is ErrorRate's, the loss the data loss of the whole set at once,
    /// for a ten-class and a one-output net, over batches that do not divide the set.
    /// </summary>
    [Fact]
    public void LossAndErrorInOnePassEqualTheSeparateMeasures()
    {
        using var scope = NewDisposeScope();
        foreach (var arch in new[] { SomeTasks.Mlp, Architecture.Parse("mlp:40,16,1") })
        {
            using var model = arch.Create();
            model.load_state_dict(SomeNetworks.Network(arch, 3));
            var data = SomeTasks.Hmm.Train;
            var (loss, error) = Evaluator.LossAndErrorRate(model, data, batch: 37);
            Assert.Equal(Evaluator.ErrorRate(model, data), error);
            using (no_grad())
                Assert.Equal(Reproduce.Core.Training.DataLoss.Of(model.call(data.Inputs), data.Labels).item<float>(), loss, 5);
            Assert.True(loss > 0);
        }
    }

    [Fact]
    public void RecomputedRunningMeanIsTheTrainSubsetMean()
    {
        using var scope = NewDisposeScope();
        using var data = Images(64);
        var sd = SomeNetworks.Network(Vgg, 1);
        using var evaluator = new NetworkEvaluator(Vgg, data, null, recomputeBatchNorm: true, batch: 32);
        evaluator.Load(sd);
        var conv = nn.functional.conv2d(data.Inputs, sd["features.0.weight"], sd["features.0.bias"], padding: [1, 1]);
        var expected = conv.mean([0L, 2L, 3L]);
        var actual = evaluator.State["features.1.running_mean"];
        Assert.True(actual.sub(expected).abs().max().item<float>() < 1e-5, "running mean differs from the subset mean");
        Assert.NotEqual(0.0, sd["features.1.running_mean"].sub(expected).abs().max().item<float>(), 3);
    }

    /// <summary>Without recompute the stored statistics are used as they are.</summary>
    [Fact]
    public void WithoutRecomputeStoredStatisticsAreKept()
    {
        using var scope = NewDisposeScope();
        using var data = Images(16);
        var sd = SomeNetworks.Network(Vgg, 1);
        using var evaluator = new NetworkEvaluator(Vgg, data, null, recomputeBatchNorm: false);
        evaluator.Load(sd);
        Assert.Equal(sd["features.1.running_mean"].data<float>().ToArray(), evaluator.State["features.1.running_mean"].data<float>().ToArray());
    }
}
