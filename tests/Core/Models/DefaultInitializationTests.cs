using Reproduce.Core.Numerics;
using Reproduce.Core.Models;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Models;

/// <summary>Initial weights come from the network's own generator: PyTorch's default bounds, independent of the global generator.</summary>
public sealed class DefaultInitializationTests
{
    [Theory]
    [InlineData("mlp:12,8,3")]
    [InlineData("lenet:4,6,10,3,1,28")]
    [InlineData("vgg16bn:16")]
    [InlineData("binary-conv:1,28,2,3,4,10")]
    [InlineData("committee:9,3")]
    public void SameSeedGivesBitIdenticalWeightsWhateverTheGlobalGeneratorDid(string text)
    {
        var arch = Architecture.Parse(text);
        manual_seed(1);
        using var g1 = DefaultInitialization.GeneratorFor(7, 0);
        using var a = arch.Create(g1);
        manual_seed(2);
        rand(100).Dispose();
        using var g2 = DefaultInitialization.GeneratorFor(7, 0);
        using var b = arch.Create(g2);
        var sb = b.state_dict();
        foreach (var (name, t) in a.state_dict())
            Assert.True(t.eq(sb[name]).all().item<bool>(), $"{name} differs between two networks of seed 7");
    }

    [Fact]
    public void NetworksOfOneSeedAndSeedsDiffer()
    {
        var arch = Architecture.Parse("mlp:12,8,3");
        using var g0 = DefaultInitialization.GeneratorFor(7, 0);
        using var g1 = DefaultInitialization.GeneratorFor(7, 1);
        using var h0 = DefaultInitialization.GeneratorFor(8, 0);
        using var a = arch.Create(g0);
        using var b = arch.Create(g1);
        using var c = arch.Create(h0);
        var w = a.state_dict()["layers.0.weight"];
        Assert.False(w.eq(b.state_dict()["layers.0.weight"]).all().item<bool>(), "replica 1 starts where replica 0 does");
        Assert.False(w.eq(c.state_dict()["layers.0.weight"]).all().item<bool>(), "seeds 7 and 8 start at the same weights");
    }

    /// <summary>
    /// Linear and Conv2d draw U(±1/√fan_in) for weights and biases (PyTorch's kaiming_uniform with a = √5 and its bias
    /// rule); BN starts at γ 1, β 0, mean 0, variance 1. The extremes of 100s of draws come within 10% of the bound (seed fixed).
    /// </summary>
    [Fact]
    public void DrawsFollowPyTorchsDefaultBounds()
    {
        using var g = DefaultInitialization.GeneratorFor(3, 0);
        using var net = Architecture.Parse("vgg16bn:16").Create(g);
        var sd = net.state_dict();
        Check(sd["features.0.weight"], 1 / Math.Sqrt(3 * 9));
        Assert.True(sd["features.0.bias"].abs().max().item<float>() <= 1 / Math.Sqrt(3 * 9));
        Check(sd["features.3.weight"], 1 / Math.Sqrt(4 * 9));
        Check(sd["classifier.weight"], 1 / Math.Sqrt(32));
        Assert.True(sd["features.1.weight"].eq(Scalars.One).all().item<bool>() && sd["features.1.bias"].eq(Scalars.Zero).all().item<bool>());
        Assert.True(sd["features.1.running_mean"].eq(Scalars.Zero).all().item<bool>() && sd["features.1.running_var"].eq(Scalars.One).all().item<bool>());

        static void Check(Tensor t, double bound)
        {
            var max = t.abs().max().item<float>();
            Assert.True(max <= bound && max >= 0.9 * bound, $"max |w| {max} vs bound {bound}");
        }
    }
}
