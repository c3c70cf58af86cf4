using Reproduce.Harness.Networks;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>An MLP's --arch read off its state dict; anything else is not guessed.</summary>
public sealed class ArchitectureInferenceTests
{
    /// <summary>The fixture MLP (layers.{k}.weight/bias) is mlp:20,16,12,4, from the .pt as from the safetensors.</summary>
    [Theory]
    [InlineData("a.pt")]
    [InlineData("b.safetensors")]
    public void AnMlpsArchitectureIsInferred(string file)
    {
        using var scope = NewDisposeScope();
        Assert.Equal("mlp:20,16,12,4", ArchitectureInference.Mlp(NetworkFile.Read(Fixtures.File("mlp", file)), file).ToString());
    }

    /// <summary>Other names, a missing bias and sizes that do not chain are refused saying what was found and how to give --arch.</summary>
    [Fact]
    public void WhatIsNotAnMlpIsNotGuessed()
    {
        using var scope = NewDisposeScope();
        var conv = NetworkFile.Read(Fixtures.File("convbn", "a.pt"));
        Assert.Contains("'conv1.weight' is not an MLP tensor", Assert.Throws<InvalidDataException>(() => ArchitectureInference.Mlp(conv, "c.pt")).Message);
        var mlp = NetworkFile.Read(Fixtures.File("mlp", "a.pt"));
        var noBias = mlp.Where(kv => kv.Key != "layers.1.bias").ToDictionary();
        Assert.Contains("layers.1 has no bias", Assert.Throws<InvalidDataException>(() => ArchitectureInference.Mlp(noBias, "m.pt")).Message);
        var broken = new Dictionary<string, Tensor>(mlp) { ["layers.1.weight"] = zeros(12, 15) };
        var e = Assert.Throws<InvalidDataException>(() => ArchitectureInference.Mlp(broken, "m.pt"));
        Assert.Contains("layers.1.weight takes 15 inputs, layers.0 gives 16", e.Message);
        Assert.Contains("--arch", e.Message);
    }
}
