namespace Reproduce.Tests.Core.Assignment;

/// <summary>Test cost matrices from fixed seeds.</summary>
internal static class Some
{
    /// <summary>C: (n, m) uniform in [0, 1).</summary>
    public static double[,] Uniform(Random rng, int n, int m)
    {
        var c = new double[n, m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
                c[i, j] = rng.NextDouble();
        return c;
    }

    /// <summary>C: (n, m) integers in [lo, hi), so with many ties.</summary>
    public static double[,] Integers(Random rng, int n, int m, int lo, int hi)
    {
        var c = new double[n, m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
                c[i, j] = rng.Next(lo, hi);
        return c;
    }
}
