namespace Reproduce.Bench;

/// <summary>Summaries of repeated measurements.</summary>
public static class BenchStatistics
{
    /// <summary>The median (the mean of the middle two for an even count); throws on no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no values to take the median of", nameof(values));
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
