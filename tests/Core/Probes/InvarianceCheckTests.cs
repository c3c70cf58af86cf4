using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Tests.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>Finding I1 as the canonicalize stage measures it on a solution.</summary>
public sealed class InvarianceCheckTests
{
    /// <summary>Normalization changes none of 256 predictions; a scrambled copy aligns back to distance ≤ 1e-8 (float64).</summary>
    [Theory]
    [InlineData("mlp:12,9,7,5")]
    [InlineData("lenet:4,6,8,5,1,16")]
    [InlineData("vgg16bn:16,10")]
    [InlineData("binary-mlp:41,31,21,3")]
    public void NormalizationKeepsPredictionsAndScrambledCopyAlignsBack(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var sd = SomeNetworks.Network(arch, 4);
        Assert.Equal(0, InvarianceCheck.PredictionsChanged(arch, sd, UnitNormalization.Normalize(layout, sd), 256));
        var d = InvarianceCheck.SelfAlignmentDistance(layout, sd, seed: 3);
        Assert.True(d <= 1e-8, $"self-alignment distance {d}");
    }
}
