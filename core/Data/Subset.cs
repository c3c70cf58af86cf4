using static TorchSharp.torch;

namespace Reproduce.Core.Data;

/// <summary>
/// Deterministic selection of k of n samples without replacement by a seed: a partial Fisher–Yates shuffle of
/// 0…n−1 driven by <see cref="SplitMix64"/> (for i = 0…k−1 swap position i with a uniform position in i…n−1), whose
/// first k entries are then sorted ascending so the subset keeps the data set's order (e.g. class interleaving).
/// </summary>
public static class Subset
{
    /// <summary>The k distinct indices in [0, n), ascending; k = n returns every index. Same (n, k, seed), same answer.</summary>
    public static long[] Indices(long n, int k, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"cannot take {k} samples of {n}");
        }

        var order = new long[n];
        for (var i = 0L; i < n; i++)
        {
            order[i] = i;
        }

        var rng = SplitMix64.ForStream(seed, stream: 0x5EB5E7);
        for (var i = 0; i < k; i++)
        {
            var j = i + (long)rng.NextBelow((ulong)(n - i));
            (order[i], order[j]) = (order[j], order[i]);
        }

        var chosen = order[..k];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>
    /// The indices <see cref="Take"/> keeps of <paramref name="count"/> samples, or null when it keeps every sample
    /// (k = 0 or k = n); k &gt; n throws naming the data set.
    /// </summary>
    public static long[]? Chosen(long count, int k, long seed, string name)
    {
        if (k > count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"cannot take {k} samples of {name}, which has {count}");
        }

        return k <= 0 || k == count ? null : Indices(count, k, seed);
    }

    /// <summary>The name of a subset <see cref="Chosen"/> picked: "[k@seed]" appended.</summary>
    public static string Name(string name, int k, long seed) => $"{name}[{k}@{seed}]";

    /// <summary>
    /// The data set restricted to k samples chosen by <see cref="Indices"/>; k = 0 or k = n keeps every sample (new
    /// handles to the same tensors), k &gt; n throws naming the data set. The name gets "[k@seed]".
    /// The caller still owns <paramref name="data"/>.
    /// </summary>
    public static Dataset Take(Dataset data, int k, long seed)
    {
        var chosen = Chosen(data.Count, k, seed, data.Name);
        if (chosen is null)
        {
            return data with { Inputs = data.Inputs.alias(), Labels = data.Labels.alias() };
        }

        using var index = tensor(chosen);
        return new Dataset(Name(data.Name, k, seed), data.Inputs.index_select(0, index), data.Labels.index_select(0, index), data.Classes);
    }
}
