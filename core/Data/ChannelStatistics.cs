namespace Reproduce.Core.Data;

/// <summary>
/// Per-channel mean and standard deviation of a train set, as used by <see cref="Standardization"/>;
/// recorded so a run states exactly how its inputs were transformed.
/// </summary>
/// <param name="Mean">μ_c for each channel c.</param>
/// <param name="Std">σ_c for each channel c (population standard deviation, divisor n).</param>
public sealed record ChannelStatistics(double[] Mean, double[] Std)
{
    /// <summary>Statistics that leave inputs unchanged (μ = 0, σ = 1) for <paramref name="channels"/> channels.</summary>
    public static ChannelStatistics Identity(int channels) =>
        new(Enumerable.Repeat(0.0, channels).ToArray(), Enumerable.Repeat(1.0, channels).ToArray());

    /// <summary>Text such as "mean=[0.1307], std=[0.3081]" (round-trip precision).</summary>
    public override string ToString() =>
        $"mean=[{string.Join(", ", Mean.Select(m => m.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}], " +
        $"std=[{string.Join(", ", Std.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]";
}
