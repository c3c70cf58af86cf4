using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Training;

/// <summary>A separable toy task and small nets for training tests: 256 points in 8 dimensions, 3 classes from a random linear teacher.</summary>
public static class ToyTask
{
    /// <summary>The toy data set (seeded).</summary>
    public static Dataset Data(long seed = 42)
    {
        using var g = new Generator((ulong)seed);
        var x = randn([256, 8], generator: g);
        var teacher = randn([8, 3], generator: g);
        return new Dataset("toy", x, x.matmul(teacher).argmax(1), 3);
    }

    /// <summary>SGD (Nesterov 0.9, η 0.1, cosine), batch 32.</summary>
    public static TrainOptions Options(int epochs, long seed = 1, double maxError = 0) =>
        new(OptimizerOptions.Sgd(0.1, 0.9, true), 32, epochs, maxError, seed);

    /// <summary>An 8-16-3 MLP initialized from <paramref name="generator"/>.</summary>
    public static nn.Module<Tensor, Tensor> Net(Generator generator) => Architecture.Parse("mlp:8,16,3").Create(generator);

    /// <summary>An 8-16-3 MLP, network 0 of <paramref name="seed"/> (as a train stage initializes it).</summary>
    public static nn.Module<Tensor, Tensor> Net(long seed)
    {
        using var g = DefaultInitialization.GeneratorFor(seed, 0);
        return Net(g);
    }

    /// <summary>True when every state entry of <paramref name="a"/> equals <paramref name="b"/>'s bit for bit.</summary>
    public static bool SameWeights(nn.Module a, nn.Module b)
    {
        var sb = b.state_dict();
        return a.state_dict().All(kv => kv.Value.eq(sb[kv.Key]).all().item<bool>());
    }
}
