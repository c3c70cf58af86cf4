using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Training;

public class SgdTrainingTests
{
    /// <summary>A separable toy task: 256 points in 8 dimensions, 3 classes given by a fixed random linear teacher.</summary>
    private static Dataset Toy(long seed)
    {
        using var g = new Generator((ulong)seed);
        var x = randn([256, 8], generator: g);
        var teacher = randn([8, 3], generator: g);
        return new Dataset("toy", x, x.matmul(teacher).argmax(1), 3);
    }

    private static (Mlp Model, TrainResult Result) Train(int seed, int epochs = 5)
    {
        using var g = DefaultInitialization.GeneratorFor(seed, 0);
        var model = (Mlp)Architecture.Parse("mlp:8,16,3").Create(g);
        using var data = Toy(42);
        var result = SgdTraining.Train(model, data, new SgdOptions(0.1, 0.9, true, 32, epochs, 0, seed));
        return (model, result);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalWeights()
    {
        var (a, _) = Train(3);
        var (b, _) = Train(3);
        foreach (var (name, p) in a.state_dict())
            Assert.True(p.eq(b.state_dict()[name]).all().item<bool>(), $"{name} differs between two runs with the same seed");
    }

    [Fact]
    public void DifferentSeedsGiveDifferentWeights()
    {
        var (a, _) = Train(3);
        var (b, _) = Train(4);
        Assert.False(a.state_dict()["layers.0.weight"].eq(b.state_dict()["layers.0.weight"]).all().item<bool>());
    }

    [Fact]
    public void TrainingReachesZeroErrorOnASeparableTaskAndStops()
    {
        var (_, result) = Train(1, epochs: 200);
        Assert.True(result.Converged);
        Assert.Equal(0, result.TrainError);
        Assert.True(result.EpochsRun < 200, $"ran all {result.EpochsRun} epochs instead of stopping at zero error");
        Assert.Equal(result.EpochsRun, result.History.Count);
    }

    [Fact]
    public void UnreachedThresholdIsReportedNotHidden()
    {
        var (_, result) = Train(1, epochs: 1);
        Assert.False(result.Converged);
        Assert.True(result.TrainError > 0);
        Assert.Single(result.History);
    }

    [Fact]
    public void MlpUsesPyTorchParameterNames()
    {
        using var m = new Mlp([784, 500, 500, 10]);
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias"],
            m.state_dict().Keys);
        Assert.Equal([500L, 784L], m.state_dict()["layers.0.weight"].shape);
    }
}
