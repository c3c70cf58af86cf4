using Reproduce.Core.Numerics;
using Xunit;
using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Data;

public sealed class HiddenManifoldModelTests
{
    [Fact]
    public void SameSeedGivesIdenticalSets()
    {
        using var a = HiddenManifoldModel.Generate(n: 40, d: 10, p: 30, testSize: 20, seed: 7);
        using var b = HiddenManifoldModel.Generate(n: 40, d: 10, p: 30, testSize: 20, seed: 7);
        using var c = HiddenManifoldModel.Generate(n: 40, d: 10, p: 30, testSize: 20, seed: 8);

        Assert.True(a.Train.Inputs.equal(b.Train.Inputs).all().item<bool>());
        Assert.True(a.Test.Labels.equal(b.Test.Labels).all().item<bool>());
        Assert.False(a.Train.Inputs.equal(c.Train.Inputs).all().item<bool>());
    }

    [Fact]
    public void InputsAreSignsAndShapesFollowTheSettings()
    {
        using var data = HiddenManifoldModel.Generate(n: 50, d: 10, p: 30, testSize: 20, seed: 1);

        Assert.Equal([30L, 50], data.Train.Inputs.shape);
        Assert.Equal([20L, 50], data.Test.Inputs.shape);
        Assert.Equal(ScalarType.Int64, data.Train.Labels.dtype);
        Assert.Equal(2, data.Train.Classes);
        Assert.True(data.Train.Inputs.abs().eq(Scalars.One).all().item<bool>());
    }

    [Fact]
    public void LabelsAreRoughlyBalanced()
    {
        // sign(w*·c) with c ~ N(0, I) is +1 with probability 1/2: over 2000 patterns the fraction of 1s is within
        // 0.5 ± 0.05 (more than 4 standard deviations, 0.011 each).
        using var data = HiddenManifoldModel.Generate(n: 20, d: 30, p: 2000, testSize: 2000, seed: 3);

        var trainOnes = data.Train.Labels.to_type(ScalarType.Float64).mean().item<double>();
        var testOnes = data.Test.Labels.to_type(ScalarType.Float64).mean().item<double>();

        Assert.InRange(trainOnes, 0.45, 0.55);
        Assert.InRange(testOnes, 0.45, 0.55);
    }

    [Fact]
    public void ChangingNKeepsTheLabelsAndChangingPKeepsTheTestSet()
    {
        using var small = HiddenManifoldModel.Generate(n: 20, d: 10, p: 30, testSize: 25, seed: 5);
        using var wide = HiddenManifoldModel.Generate(n: 80, d: 10, p: 30, testSize: 25, seed: 5);
        using var more = HiddenManifoldModel.Generate(n: 20, d: 10, p: 60, testSize: 25, seed: 5);

        Assert.True(small.Train.Labels.equal(wide.Train.Labels).all().item<bool>());
        Assert.True(small.Test.Inputs.equal(more.Test.Inputs).all().item<bool>());
        Assert.True(small.Train.Inputs.equal(more.Train.Inputs[..30]).all().item<bool>());
    }

    [Fact]
    public void SplitMixMatchesItsPublishedFirstOutputs()
    {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var rng = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
    }
}
