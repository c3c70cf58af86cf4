namespace Reproduce.Harness.Findings;

/// <summary>
/// The comparisons findings are made of (METHOD.md §8, "How a verdict is given"). A claimed order A &lt; B between two means
/// holds when B − A exceeds the threshold max(tolerance, spread), fails when A − B does, and is inconclusive in between.
/// The tolerance comes from the spec (<see cref="Specs.FindingsSpec"/>), scaled to the quantities; the spread is k standard
/// errors of the difference of the two means: √(s²_A/n_A + s²_B/n_B) for independent groups (a group of one contributes
/// nothing; with none of two or more the spread is unknown and only the tolerance applies), s_d/√n over the differences d
/// for paired inputs (the same two solutions on both sides).
/// </summary>
public static class Compare
{
    /// <summary>The order A &lt; B with precomputed means, tolerance and spread.</summary>
    public static Comparison Order(string label, double a, double b, double tolerance, double? spread, int inputs)
    {
        var margin = b - a;
        var threshold = Math.Max(tolerance, spread ?? 0);
        var verdict = margin > threshold ? Verdict.Holds : margin < -threshold ? Verdict.Fails : Verdict.Inconclusive;
        return new Comparison(label, "lower", a, b, margin, tolerance, spread, verdict, inputs);
    }

    /// <summary>mean(<paramref name="low"/>) &lt; mean(<paramref name="high"/>), independent groups; tolerance(meanLow, meanHigh).</summary>
    public static Comparison Lower(string label, IReadOnlyList<double> low, IReadOnlyList<double> high, Func<double, double, double> tolerance, double k)
    {
        var a = Ranking.Mean(low);
        var b = Ranking.Mean(high);
        var parts = new[] { low, high }.Where(g => g.Count >= 2).Select(g => Variance(g) / g.Count).ToList();
        double? spread = parts.Count == 0 ? null : k * Math.Sqrt(parts.Sum());
        return Order(label, a, b, tolerance(a, b), spread, low.Count + high.Count);
    }

    /// <summary>mean(A) &lt; mean(B) over paired inputs (A_i, B_i) of the same solutions; spread from the differences B_i − A_i.</summary>
    public static Comparison LowerPaired(string label, IReadOnlyList<(double A, double B)> pairs, Func<double, double, double> tolerance, double k)
    {
        var a = Ranking.Mean(pairs.Select(p => p.A));
        var b = Ranking.Mean(pairs.Select(p => p.B));
        return Order(label, a, b, tolerance(a, b), PairedSpread(pairs, k), 2 * pairs.Count);
    }

    /// <summary>
    /// "A stays close to B" over paired inputs: d = mean(B_i − A_i); holds when |d| ≤ tolerance, fails when |d| exceeds
    /// tolerance + spread, inconclusive between. Margin = tolerance − |d|.
    /// </summary>
    public static Comparison ClosePaired(string label, IReadOnlyList<(double A, double B)> pairs, Func<double, double, double> tolerance, double k)
    {
        var a = Ranking.Mean(pairs.Select(p => p.A));
        var b = Ranking.Mean(pairs.Select(p => p.B));
        var tol = tolerance(a, b);
        var d = Math.Abs(b - a);
        var spread = PairedSpread(pairs, k);
        var verdict = d <= tol ? Verdict.Holds : d > tol + (spread ?? 0) ? Verdict.Fails : Verdict.Inconclusive;
        return new Comparison(label, "close", a, b, tol - d, tol, spread, verdict, 2 * pairs.Count);
    }

    /// <summary>
    /// mean(<paramref name="values"/>) ≤ <paramref name="limit"/> (the limit is the tolerance): holds at or below it, fails above
    /// limit + spread (k standard errors of the mean), inconclusive between.
    /// </summary>
    public static Comparison AtMost(string label, IReadOnlyList<double> values, double limit, double k)
    {
        var a = Ranking.Mean(values);
        double? spread = values.Count >= 2 ? k * Math.Sqrt(Variance(values) / values.Count) : null;
        var verdict = a <= limit ? Verdict.Holds : a > limit + (spread ?? 0) ? Verdict.Fails : Verdict.Inconclusive;
        return new Comparison(label, "at most", a, limit, limit - a, limit, spread, verdict, values.Count);
    }

    /// <summary>
    /// Spearman's ρ over n inputs above <paramref name="min"/>: an order min &lt; ρ with no tolerance and the spread k/√(n − 1),
    /// k standard errors of ρ when there is no correlation.
    /// </summary>
    public static Comparison Correlation(string label, double rho, int n, double min, double k) =>
        Order(label, min, rho, 0, n >= 2 ? k / Math.Sqrt(n - 1) : null, n);

    /// <summary>Unbiased sample variance (n − 1 in the denominator); 0 for fewer than two values.</summary>
    public static double Variance(IReadOnlyList<double> xs)
    {
        if (xs.Count < 2) return 0;
        var m = xs.Average();
        return xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1);
    }

    private static double? PairedSpread(IReadOnlyList<(double A, double B)> pairs, double k)
    {
        if (pairs.Count < 2) return null;
        var d = pairs.Select(p => p.B - p.A).ToList();
        return k * Math.Sqrt(Variance(d) / d.Count);
    }
}
