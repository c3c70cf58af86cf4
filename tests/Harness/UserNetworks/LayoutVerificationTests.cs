using Reproduce.Harness.Networks;
using Reproduce.Harness.UserNetworks;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>
/// Every description is verified on its model before use: moving a group's units (permuted, rescaled or flipped) must
/// leave the outputs within <see cref="LayoutVerification.Tolerance"/> (1e-3 of the largest output); otherwise the
/// description is refused naming the group.
/// </summary>
public sealed class LayoutVerificationTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-verify-{Guid.NewGuid():N}");

    public LayoutVerificationTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>
    /// The shipped descriptions verify on their PyTorch-trained models: every group alone and all together change the
    /// outputs by less than 1e-5 of their largest value (float32 rounding, and BN's ε for the conv net), far inside 1e-3.
    /// </summary>
    [Theory]
    [InlineData("mlp")]
    [InlineData("convbn")]
    public void TheShippedDescriptionsVerify(string family)
    {
        using var net = UserNetwork.Open([Fixtures.File(family, "a.torchscript.pt")], null, Fixtures.Symmetry(family), null);
        var checks = net.Verification!.Checks;
        Assert.Equal(net.Layout.Groups.Select(g => g.Name).Concat(["all groups", "output"]), checks.Select(c => c.Check));
        Assert.All(checks, c => Assert.True(c.Deviation < 1e-5, $"{c.Check}: {c.Deviation}"));
    }

    /// <summary>The residual-like model verifies when fc1's and fc2's units are one tied group.</summary>
    [Fact]
    public void ATiedResidualGroupVerifies()
    {
        using var net = UserNetwork.Open([Fixtures.File("residual", "model.torchscript.pt")], null, Descriptions.Residual(dir, tied: true), null);
        Assert.Equal(["stream"], net.Layout.Groups.Select(g => g.Name));
        Assert.True(net.Verification!.Checks[0].Deviation < 1e-5);
    }

    /// <summary>A residual-like model whose description misses the tie (fc1 and fc2 as separate groups, which fits the tensors) is refused naming fc1.</summary>
    [Fact]
    public void ADescriptionMissingATiedGroupIsRefusedNamingIt()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            UserNetwork.Open([Fixtures.File("residual", "model.torchscript.pt")], null, Descriptions.Residual(dir, tied: false), null));
        Assert.Contains("group 'fc1' is not a symmetry of the model", e.Message);
        Assert.Contains("tied to another group", e.Message);
    }

    /// <summary>A BN net whose description leaves a batch norm (its parameters and buffers) out of a group is refused naming the group.</summary>
    [Fact]
    public void ABatchNormLeftOutIsRefusedNamingItsGroup()
    {
        var path = Descriptions.Edited(Fixtures.Symmetry("convbn"), dir, ("    batch_norm: bn2\n", ""));
        var e = Assert.Throws<InvalidDataException>(() => UserNetwork.Open([Fixtures.File("convbn", "a.torchscript.pt")], null, path, null));
        Assert.Contains("group 'conv2' is not a symmetry of the model", e.Message);
    }

    /// <summary>A BN whose running mean and variance are swapped (buffers given wrongly) is caught by the pre-activation rescaling.</summary>
    [Fact]
    public void SwappedBatchNormBuffersAreRefused()
    {
        var path = Descriptions.Edited(Fixtures.Symmetry("convbn"), dir,
            ("batch_norm: bn1 ", "batch_norm: {weight: bn1.weight, bias: bn1.bias, running_mean: bn1.running_var, running_var: bn1.running_mean} "));
        var e = Assert.Throws<InvalidDataException>(() => UserNetwork.Open([Fixtures.File("convbn", "a.torchscript.pt")], null, path, null));
        Assert.Contains("group 'conv1' is not a symmetry of the model", e.Message);
        Assert.Contains("(permuted, rescaled before and after its batch norm)", e.Message);
    }

    /// <summary>A typo that still fits the tensors (sign for a ReLU group) is refused naming the group.</summary>
    [Fact]
    public void ATypoThatFitsIsRefusedNamingTheGroup()
    {
        var path = Descriptions.Edited(Fixtures.Symmetry("convbn"), dir, ("  - name: fc1\n    symmetry: scale", "  - name: fc1\n    symmetry: sign"));
        var e = Assert.Throws<InvalidDataException>(() => UserNetwork.Open([Fixtures.File("convbn", "a.torchscript.pt")], null, path, null));
        Assert.Contains("group 'fc1' is not a symmetry of the model", e.Message);
        Assert.Contains("(permuted, sign-flipped)", e.Message);
    }

    /// <summary>An output layer that is not the last one (a hidden layer's tensors named as output) is refused.</summary>
    [Fact]
    public void AnOutputThatIsNotTheLastLayerIsRefused()
    {
        var path = Descriptions.Edited(Fixtures.Symmetry("convbn"), dir,
            ("  - name: fc1\n", "  - name: fc1x\n"), ("weight: fc2.weight\n  bias: fc2.bias", "weight: fc2.weight\n  bias: fc1.bias"));
        var e = Assert.Throws<InvalidDataException>(() => UserNetwork.Open([Fixtures.File("convbn", "a.torchscript.pt")], null, path, null));
        Assert.Contains("fc1.bias", e.Message);
    }
}
