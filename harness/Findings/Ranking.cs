namespace Reproduce.Harness.Findings;

/// <summary>The orderings the findings compare, and the small statistics they use.</summary>
public static class Ranking
{
    /// <summary>The paper's flatness order of the algorithms, flattest first (RSGD, SGD, ADV): what F1, F2, F5 and F8 claim.</summary>
    public static readonly IReadOnlyList<string> PaperOrder = ["rsgd", "sgd", "adv"];

    /// <summary>The algorithms of <paramref name="present"/> that the paper ranks, flattest first.</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> present)
    {
        var set = present.ToHashSet();
        return PaperOrder.Where(set.Contains).ToList();
    }

    /// <summary>How far a sequence that should be non-decreasing goes down: max_i (v_i − v_{i+1}); −∞ for fewer than two values.</summary>
    public static double WorstDecrease(IReadOnlyList<double> values)
    {
        var worst = double.NegativeInfinity;
        for (var i = 0; i + 1 < values.Count; i++) worst = Math.Max(worst, values[i] - values[i + 1]);
        return worst;
    }

    /// <summary>Arithmetic mean (NaN when empty).</summary>
    public static double Mean(IEnumerable<double> xs)
    {
        var list = xs.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }

    /// <summary>Spearman's rank correlation (Pearson correlation of ranks, ties get their average rank); NaN when a side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(IReadOnlyList<double> v)
    {
        var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }
}
