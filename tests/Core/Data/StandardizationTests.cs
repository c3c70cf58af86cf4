using TorchSharp;
using Reproduce.Core.Numerics;
using Xunit;
using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Data;

public sealed class StandardizationTests
{
    [Fact]
    public void TrainSetHasZeroMeanAndUnitStdPerChannel()
    {
        // Tolerance 1e-5: float32 arithmetic on 4·2·8·8 values per channel.
        var rng = new SplitMix64(11);
        var values = new float[40 * 3 * 8 * 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((rng.NextGaussian() * (1 + (i / 64 % 3))) + (i / 64 % 3 * 5));
        }

        using var train = tensor(values, [40, 3, 8, 8]);
        using var test = train.mul(Scalars.Two);
        using var raw = new SplitDataset(new Dataset("t/train", train.alias(), zeros(40, ScalarType.Int64), 2),
            new Dataset("t/test", test.alias(), zeros(40, ScalarType.Int64), 2));

        var (data, stats) = Standardization.FitApply(raw);
        using (data)
        {
            using var mean = data.Train.Inputs.mean([0, 2, 3], type: ScalarType.Float64);
            using var std = data.Train.Inputs.to_type(ScalarType.Float64).std([0, 2, 3], unbiased: false);
            for (var c = 0; c < 3; c++)
            {
                Assert.InRange(mean[c].item<double>(), -1e-5, 1e-5);
                Assert.InRange(std[c].item<double>(), 1 - 1e-5, 1 + 1e-5);
            }

            Assert.Equal(3, stats.Mean.Length);
            Assert.InRange(stats.Mean[2], 9, 11);
            // The test set is transformed with the train statistics, not its own.
            var expected = ((test[0, 1, 0, 0].item<float>() - stats.Mean[1]) / stats.Std[1]);
            Assert.Equal(expected, data.Test.Inputs[0, 1, 0, 0].item<float>(), 4);
        }
    }

    [Fact]
    public void VectorsAreOneChannelAndConstantChannelsKeepUnitScale()
    {
        using var three = 3.ToScalar();
        using var inputs = ones(5, 4).mul(three);

        var stats = Standardization.Fit(inputs);
        using var result = Standardization.Apply(inputs, stats);

        Assert.Equal([3.0], stats.Mean);
        Assert.Equal([1.0], stats.Std);
        Assert.True(result.eq(Scalars.Zero).all().item<bool>());
    }
}
