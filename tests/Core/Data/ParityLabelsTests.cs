using Xunit;
using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Data;

public sealed class ParityLabelsTests
{
    [Fact]
    public void ParityLabelsAreZeroForEvenAndOneForOdd()
    {
        using var digits = tensor(new long[] { 0, 1, 2, 3, 9, 8 });

        using var parity = ParityLabels.FromDigits(digits);

        Assert.Equal([0L, 1, 0, 1, 1, 0], parity.data<long>().ToArray());
    }

    [Fact]
    public void ParityDataSetKeepsInputsAndHasTwoClasses()
    {
        using var digits = new Dataset("mnist/train", ones(3, 1, 2, 2), tensor(new long[] { 4, 7, 0 }), 10);

        using var parity = ParityLabels.Apply(digits, "mnist-parity/train");

        Assert.Equal(2, parity.Classes);
        Assert.Equal("mnist-parity/train", parity.Name);
        Assert.Equal([0L, 1, 0], parity.Labels.data<long>().ToArray());
        Assert.Equal(digits.Inputs.shape, parity.Inputs.shape);
    }

    [Fact]
    public void DigitOutsideZeroToNineIsRejected()
    {
        using var digits = tensor(new long[] { 3, 10 });

        Assert.Throws<ArgumentException>(() => ParityLabels.FromDigits(digits));
    }
}
