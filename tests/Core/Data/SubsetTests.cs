using TorchSharp;
using Reproduce.Core.Numerics;
using Xunit;
using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Data;

public sealed class SubsetTests
{
    [Fact]
    public void SameSeedSelectsTheSameSamples()
    {
        Assert.Equal(Subset.Indices(1000, 50, seed: 4), Subset.Indices(1000, 50, seed: 4));
        Assert.NotEqual(Subset.Indices(1000, 50, seed: 4), Subset.Indices(1000, 50, seed: 5));
    }

    [Fact]
    public void SubsetHasNoDuplicatesAndIsAscendingWithinRange()
    {
        var indices = Subset.Indices(200, 150, seed: 9);

        Assert.Equal(150, indices.Distinct().Count());
        Assert.Equal(indices.Order(), indices);
        Assert.All(indices, i => Assert.InRange(i, 0, 199));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Subset.Indices(10, 10, seed: 1));
    }

    [Fact]
    public void TakeKeepsInputsAndLabelsPaired()
    {
        using var twenty = 20.ToScalar();
        using var data = new Dataset("d/train", arange(Scalars.Zero, twenty, Scalars.One, ScalarType.Float32).reshape(20, 1), arange(Scalars.Zero, twenty, Scalars.One, ScalarType.Int64), 20);

        using var subset = Subset.Take(data, 6, seed: 2);

        Assert.Equal(6, subset.Count);
        Assert.True(subset.Inputs.squeeze(1).to_type(ScalarType.Int64).equal(subset.Labels).all().item<bool>());
        Assert.Equal("d/train[6@2]", subset.Name);
    }

    [Fact]
    public void SubsetLargerThanTheDataSetIsRejectedWithItsName()
    {
        using var data = new Dataset("d/train", zeros(5, 1), zeros(5, ScalarType.Int64), 2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Subset.Take(data, 6, seed: 0));

        Assert.Contains("d/train", error.Message);
    }
}
