using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Data;

/// <summary>
/// Per-channel standardization: x' = (x − μ_c) / σ_c, with μ_c and σ_c computed on the train set only and applied
/// to both sets, so the test set carries no information into the transform.
/// A channel is axis 1 of (n, c, h, w) images; (n, d) vectors are one channel. A channel with σ_c = 0 keeps σ_c = 1.
/// </summary>
public static class Standardization
{
    /// <summary>
    /// μ_c = mean over samples and pixels of channel c, σ_c = population standard deviation (divisor n·h·w),
    /// in two passes (mean, then squared deviations from it). Each pass sums every sample's pixels in the input's
    /// dtype, then the n per-sample sums in float64 (a float64 reduction over all values is many times slower).
    /// <paramref name="inputs"/>: (n, c, h, w) or (n, d).
    /// </summary>
    public static ChannelStatistics Fit(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var perChannel = ByChannel(inputs);
        var count = (double)perChannel.shape[0] * perChannel.shape[2];
        var means = SumPerChannel(perChannel).Select(s => s / count).ToArray();
        var deviations = perChannel - tensor(means).to_type(perChannel.dtype).reshape(1, -1, 1);
        var stds = SumPerChannel(deviations.pow_(Scalars.Two)).Select(s => s > 0 ? Math.Sqrt(s / count) : 1.0).ToArray();
        return new ChannelStatistics(means, stds);
    }

    /// <summary>Returns (x − μ_c) / σ_c with the input's shape and dtype; the input is left unchanged.</summary>
    public static Tensor Apply(Tensor inputs, ChannelStatistics stats)
    {
        var channels = inputs.dim() == 2 ? 1 : inputs.shape[1];
        if (stats.Mean.Length != channels || stats.Std.Length != channels)
        {
            throw new ArgumentException($"statistics have {stats.Mean.Length} channels, inputs have {channels}", nameof(stats));
        }

        using var scope = NewDisposeScope();
        // μ and σ broadcast as (1, c, 1, …, 1) over (n, c, …); vectors (n, d) as (1, 1).
        var shape = new long[inputs.dim()];
        Array.Fill(shape, 1L);
        shape[1] = inputs.dim() == 2 ? 1 : channels;

        var mean = tensor(stats.Mean).to_type(inputs.dtype).reshape(shape);
        var std = tensor(stats.Std).to_type(inputs.dtype).reshape(shape);
        return inputs.sub(mean).div_(std).MoveToOuterDisposeScope();
    }

    /// <summary>Fits on the train set of <paramref name="raw"/> and applies to both; the caller still owns <paramref name="raw"/>; returns the new sets and the statistics.</summary>
    public static (SplitDataset Data, ChannelStatistics Stats) FitApply(SplitDataset raw)
    {
        var stats = Fit(raw.Train.Inputs);
        var train = raw.Train with { Inputs = Apply(raw.Train.Inputs, stats), Labels = raw.Train.Labels.alias() };
        var test = raw.Test with { Inputs = Apply(raw.Test.Inputs, stats), Labels = raw.Test.Labels.alias() };
        return (new SplitDataset(train, test), stats);
    }

    private static double[] SumPerChannel(Tensor perChannel) =>
        perChannel.sum([2L]).to_type(ScalarType.Float64).sum([0L]).data<double>().ToArray();

    private static Tensor ByChannel(Tensor inputs)
    {
        if (inputs.dim() < 2)
        {
            throw new ArgumentException("inputs need a sample axis and at least one more", nameof(inputs));
        }

        // (n, c, rest) with channel axis 1; vectors (n, d) are one channel of d values.
        return inputs.dim() == 2 ? inputs.reshape(inputs.shape[0], 1, -1) : inputs.reshape(inputs.shape[0], inputs.shape[1], -1);
    }
}
