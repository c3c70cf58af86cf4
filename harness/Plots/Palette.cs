using ScottPlot;

namespace Reproduce.Harness.Plots;

/// <summary>Fixed colors, so an algorithm or a pair type has the same color in every figure.</summary>
public static class Palette
{
    private static readonly Color[] Category = new ScottPlot.Palettes.Category10().Colors;

    /// <summary>RSGD blue, SGD orange, ADV red; others from Category10.</summary>
    public static Color Algorithm(string name) => name switch
    {
        "rsgd" => Category[0],
        "sgd" => Category[1],
        "adv" => Category[3],
        _ => Category[(Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 5) + 5],
    };

    /// <summary>The i-th color of Category10 (pair types, metrics, path kinds).</summary>
    public static Color Nth(int i) => Category[i % Category.Length];

    /// <summary>Pair types by their index in the experiment's order (rsgd-rsgd blue … adv-adv red in the paper's order).</summary>
    public static Color PairType(string pair, IReadOnlyList<string> order)
    {
        var i = order.ToList().IndexOf(pair);
        return pair.Split('-') is [var a, var b] && a == b ? Algorithm(a) : Nth(i < 0 ? 9 : new[] { 2, 4, 5, 6, 7, 8, 9 }[i % 7]);
    }
}
