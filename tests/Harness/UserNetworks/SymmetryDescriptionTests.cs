using Reproduce.Core.Symmetry;
using Reproduce.Harness.Networks;
using Reproduce.Harness.Specs;
using Reproduce.Harness.UserNetworks;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>Reading symmetry descriptions and fitting them to a model's tensors.</summary>
public sealed class SymmetryDescriptionTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-symmetry-{Guid.NewGuid():N}");

    public SymmetryDescriptionTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>The MLP's description gives exactly the records of the built-in layout of mlp:20,16,12,4.</summary>
    [Fact]
    public void AnMlpDescriptionGivesTheBuiltInLayout()
    {
        using var scope = NewDisposeScope();
        var fit = LayoutFit.Fit(SymmetryDescriptionReader.Read(Fixtures.Symmetry("mlp")), NetworkFile.Read(Fixtures.File("mlp", "a.pt")));
        Assert.Equal(Descriptions.Text(Layouts.Mlp([20, 16, 12, 4])), Descriptions.Text(fit.Layout));
        Assert.Equal("fixture-mlp", fit.Layout.Architecture);
        Assert.Empty(fit.Undescribed);
    }

    /// <summary>The conv-BN example of the docs gives the hand-written records (BN tensors, the flatten's block of 4); only num_batches_tracked is undescribed, being no float.</summary>
    [Fact]
    public void TheConvBnExampleGivesTheHandWrittenLayout()
    {
        using var scope = NewDisposeScope();
        var fit = LayoutFit.Fit(SymmetryDescriptionReader.Read(Fixtures.Symmetry("convbn")), NetworkFile.Read(Fixtures.File("convbn", "a.pt")));
        Assert.Equal(Descriptions.Text(Descriptions.ConvBn()), Descriptions.Text(fit.Layout));
        Assert.Empty(fit.Undescribed);
    }

    /// <summary>Mistakes of form are refused with file, line, column and field.</summary>
    [Theory]
    [InlineData("symmetry: scale                # ReLU after", "symmetry: relu                # ReLU after", "groups[0].symmetry", "expected one of scale, sign, permutation")]
    [InlineData("input_shape: [3, 8, 8]", "input_shape: [3, 8, 8]\nshape: [1]", "shape", "unknown key 'shape'")]
    [InlineData("input_shape: [3, 8, 8]", "input_shape: []", "input_shape", "at least one size")]
    [InlineData("{tensor: fc1.weight, axis: 1, block: 4}", "{tensor: fc1.weight, axis: 1, block: 0}", "groups[1].outgoing[0].block", "an integer ≥ 1")]
    [InlineData("batch_norm: bn1 ", "batch_norm: {weight: bn1.weight, bias: bn1.bias} ", "groups[0].batch_norm.running_mean", "is required")]
    public void MistakesOfFormNameTheirField(string old, string replacement, string field, string problem)
    {
        var path = Descriptions.Edited(Fixtures.Symmetry("convbn"), dir, (old, replacement));
        var e = Assert.Throws<SpecException>(() => SymmetryDescriptionReader.Read(path));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"{path}:{e.Line}:{e.Column}:", e.Message);
    }

    /// <summary>
    /// A description that does not fit the model's tensors is refused naming the first tensor and axis that do not match:
    /// a misspelt name (with the nearest), a wrong block after the flatten, an axis the tensor lacks, and a stated unit
    /// count that is not the tensor's.
    /// </summary>
    [Theory]
    [InlineData("incoming: [conv2.weight]", "incoming: [conv2.wieght]", "groups[1] ('conv2') incoming: the model has no tensor 'conv2.wieght' (did you mean 'conv2.weight'?)")]
    [InlineData("axis: 1, block: 4}", "axis: 1, block: 2}", "groups[1] ('conv2') outgoing: tensor 'fc1.weight' axis 1 has length 24, expected 6 units × block 2 = 12")]
    [InlineData("outgoing: [fc2.weight]", "outgoing: [{tensor: fc2.weight, axis: 2}]", "groups[2] ('fc1') outgoing: tensor 'fc2.weight' has shape [3, 10], which has no axis 2")]
    [InlineData("  - name: fc1\n", "  - name: fc1\n    units: 12\n", "groups[2] ('fc1') states 12 units, but tensor 'fc1.weight' axis 0 holds 10")]
    public void ADescriptionThatDoesNotFitNamesTheFirstTensorAndAxis(string old, string replacement, string message)
    {
        using var scope = NewDisposeScope();
        var path = Descriptions.Edited(Fixtures.Symmetry("convbn"), dir, (old, replacement));
        var e = Assert.Throws<InvalidDataException>(() => LayoutFit.Fit(SymmetryDescriptionReader.Read(path), NetworkFile.Read(Fixtures.File("convbn", "a.pt"))));
        Assert.Contains(message, e.Message);
    }

    /// <summary>Two groups claiming one tensor axis (an untied residual sum written twice) are refused naming both.</summary>
    [Fact]
    public void OneTensorAxisInTwoGroupsIsRefused()
    {
        using var scope = NewDisposeScope();
        var path = Descriptions.Edited(Descriptions.Residual(dir, tied: false), dir, ("outgoing: [fc2.weight]", "outgoing: [fc2.weight, fc3.weight]"));
        var tensors = NetworkFile.Read(Fixtures.File("residual", "model.torchscript.pt"));
        var e = Assert.Throws<InvalidDataException>(() => LayoutFit.Fit(SymmetryDescriptionReader.Read(path), tensors));
        Assert.Contains("tensor 'fc3.weight' axis 1 is listed by groups[0] ('fc1') outgoing and by groups[1] ('fc2') outgoing", e.Message);
    }
}
