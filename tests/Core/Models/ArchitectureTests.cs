using Reproduce.Core.Numerics;
using Reproduce.Core.Models;
using Reproduce.Tests.Core.Symmetry;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Models;

/// <summary>The networks of METHOD.md §7: their PyTorch names and shapes, the written form, the binary forward.</summary>
public sealed class ArchitectureTests
{
    /// <summary>Each module's state dict has exactly the documented names and shapes (docs/architectures.md).</summary>
    [Theory]
    [InlineData("mlp:4,3,2", "layers.0.weight[3,4] layers.0.bias[3] layers.1.weight[2,3] layers.1.bias[2]")]
    [InlineData("lenet", "conv1.weight[32,1,5,5] conv1.bias[32] conv2.weight[64,32,5,5] conv2.bias[64] fc1.weight[128,6400] fc1.bias[128] fc2.weight[10,128] fc2.bias[10]")]
    [InlineData("binary-mlp:5,3,1", "layers.0.weight[3,5] layers.1.weight[1,3]")]
    [InlineData("binary-conv:1,28,2,3,4,10", "conv1.weight[2,1,5,5] conv2.weight[3,2,5,5] fc.0.weight[4,48] fc.1.weight[10,4]")]
    [InlineData("perceptron:7", "fc.weight[1,7]")]
    [InlineData("committee:7,3", "hidden.weight[3,7]")]
    public void StateDictHasTheDocumentedNamesAndShapes(string text, string expected)
    {
        using var module = Architecture.Parse(text).Create();
        var actual = string.Join(" ", module.state_dict().Select(kv => $"{kv.Key}[{string.Join(",", kv.Value.shape)}]"));
        Assert.Equal(expected, actual);
    }

    /// <summary>VGG16-BN uses torchvision's Sequential indices: convs at 0,3,7,...,40, BN buffers beside them, a 512→10 head.</summary>
    [Fact]
    public void Vgg16BnHasTorchvisionNames()
    {
        using var module = Architecture.Parse("vgg16bn").Create();
        var sd = module.state_dict();
        var convs = Vgg16Bn.Convs(1);
        Assert.Equal([0, 3, 7, 10, 14, 17, 20, 24, 27, 30, 34, 37, 40], convs.Select(c => c.Index));
        Assert.Equal([512L, 512, 3, 3], sd["features.40.weight"].shape);
        Assert.Equal([512L], sd["features.41.running_var"].shape);
        Assert.True(sd.ContainsKey("features.41.num_batches_tracked"));
        Assert.Equal([10L, 512], sd["classifier.weight"].shape);
        Assert.Equal(13 * 2 + 13 * 5 + 2, sd.Count);
    }

    /// <summary>Every architecture's output is (n, outputs) on inputs of <see cref="Architecture.InputShape"/>.</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void ForwardMapsInputsToOneRowPerExample(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var output = SomeNetworks.Outputs(arch, SomeNetworks.Network(arch, 1), SomeNetworks.Inputs(arch, 5, 2));
        Assert.Equal(5, output.shape[0]);
        Assert.Equal(2, output.dim());
    }

    /// <summary>The binary MLP's forward is the ±1 network: z = sign(W2) sign(sign(W1) x), computed by hand (exact).</summary>
    [Fact]
    public void BinaryForwardUsesTheSignsOfTheLatentWeights()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("binary-mlp:6,5,3");
        var sd = SomeNetworks.Network(arch, 3);
        var x = SomeNetworks.Inputs(arch, 4, 4);
        var h = Binarization.Sign(x.mm(Binarization.Sign(sd["layers.0.weight"]).t()));
        // The output is divided by √fan_in (5 here): the logits are of order 1, the prediction is unchanged.
        using var root5 = Math.Sqrt(5).ToScalar();
        var expected = h.mm(Binarization.Sign(sd["layers.1.weight"]).t()).div(root5);
        Assert.Equal(0, SomeNetworks.Outputs(arch, sd, x).sub(expected).abs().max().to(ScalarType.Float64).item<double>(), 6);
    }

    /// <summary>The committee machine sums its K sign units with fixed +1 weights; its only parameter is hidden.weight.</summary>
    [Fact]
    public void CommitteeMachineSumsItsSignUnits()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("committee:9,5");
        var sd = SomeNetworks.Network(arch, 5);
        var x = SomeNetworks.Inputs(arch, 6, 6);
        var expected = Binarization.Sign(x.mm(Binarization.Sign(sd["hidden.weight"]).t())).sum(1, keepdim: true);
        Assert.Equal(0, SomeNetworks.Outputs(arch, sd, x).sub(expected).abs().max().to(ScalarType.Float64).item<double>());
    }

    /// <summary>The written form reads back to itself with defaults filled; wrong forms fail naming the expected sizes.</summary>
    [Theory]
    [InlineData("mlp:784,500,500,10", "mlp:784,500,500,10")]
    [InlineData("lenet", "lenet:32,64,128,10,1,28")]
    [InlineData("lenet:32,64,128,10", "lenet:32,64,128,10,1,28")]
    [InlineData("vgg16bn", "vgg16bn:1,10")]
    [InlineData("vgg16bn:16", "vgg16bn:16,10")]
    [InlineData("binary-mlp:784,501,501,1", "binary-mlp:784,501,501,1")]
    [InlineData("binary-conv:1,28,16,32,100,10", "binary-conv:1,28,16,32,100,10")]
    [InlineData("perceptron:400", "perceptron:400")]
    [InlineData("committee:400", "committee:400,7")]
    public void WrittenFormReadsBack(string text, string canonical)
    {
        var arch = Architecture.Parse(text);
        Assert.Equal(canonical, arch.ToString());
        Assert.Equal(arch.ToString(), Architecture.Parse(arch.ToString()).ToString());
        Assert.Equal(arch, Architecture.Parse(canonical));
        Assert.Equal(arch.GetHashCode(), Architecture.Parse(canonical).GetHashCode());
    }

    /// <summary>Unknown names, bad sizes and wrong counts are refused with a message naming the problem.</summary>
    [Theory]
    [InlineData("resnet:18", "unknown architecture 'resnet'")]
    [InlineData("mlp:784", "mlp takes sizes mlp:d0,d1,...,dL")]
    [InlineData("mlp:784,x,10", "'x' is not a positive integer")]
    [InlineData("committee:1,2,3", "committee takes sizes committee:N[,K]")]
    public void MalformedFormsAreRefused(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => Architecture.Parse(text));
        Assert.Contains(message, e.Message);
    }
}
