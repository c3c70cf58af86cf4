using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Xunit;

namespace Reproduce.Tests.Core.Symmetry;

/// <summary>Each declared layout fits its module: every named tensor exists and its unit axis has units·block entries.</summary>
public sealed class LayoutsTests
{
    /// <summary>Incoming, bias, BN, outgoing and output tensors exist with axis length units·block; weights are covered once.</summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    [InlineData("vgg16bn")]
    [InlineData("lenet")]
    public void LayoutMatchesTheModulesStateDict(string text)
    {
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        using var module = arch.Create();
        var sd = module.state_dict();
        foreach (var group in layout.Groups)
            foreach (var a in group.AllAxes)
            {
                Assert.True(sd.ContainsKey(a.Tensor), $"{group.Name}: no tensor {a.Tensor}");
                Assert.Equal(group.Units * (long)a.BlockSize, sd[a.Tensor].shape[a.Axis]);
            }
        foreach (var name in new[] { layout.Output.Weight, layout.Output.Bias }.OfType<string>()) Assert.True(sd.ContainsKey(name), name);
        Assert.Equal(layout.WeightTensors.Count, layout.WeightTensors.Distinct().Count());
        Assert.All(sd.Keys.Where(k => sd[k].dim() > 1), k => Assert.Contains(k, layout.WeightTensors));
        Assert.Equal(arch.IsBinary, layout.Binary);
    }

    /// <summary>The symmetries the paper names: ReLU scale, sign flips for fc sign units, permutation only after a max-pool or a fixed output.</summary>
    [Fact]
    public void SymmetriesAreThoseOfTheActivations()
    {
        Assert.All(Layouts.For(Architecture.Parse("vgg16bn:16")).Groups, g => Assert.Equal(UnitSymmetry.PositiveScale, g.Symmetry));
        var conv = Layouts.For(Architecture.Parse("binary-conv:1,24,3,5,7,3")).Groups;
        Assert.Equal([UnitSymmetry.PermutationOnly, UnitSymmetry.PermutationOnly, UnitSymmetry.Sign], conv.Select(g => g.Symmetry));
        Assert.Equal(9, conv[1].Outgoing[0].BlockSize);
        Assert.Equal(UnitSymmetry.PermutationOnly, Layouts.For(Architecture.Parse("committee:9,5")).Groups.Single().Symmetry);
        Assert.Empty(Layouts.For(Architecture.Parse("perceptron:9")).Groups);
    }
}
