namespace Reproduce.Core.Data;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014), a small 64-bit generator we control, so generated data never depends on
/// .NET's <see cref="System.Random"/> or libtorch's generators: state += 0x9E3779B97F4A7C15, then the output is
/// mixed by z = (z ^ z≫30)·0xBF58476D1CE4E5B9, z = (z ^ z≫27)·0x94D049BB133111EB, z ^ z≫31.
/// Gaussians use Box–Muller (both values of a pair are used).
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;
    private double? _spare;

    /// <summary>A generator whose state is the seed.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>
    /// A generator for one named stream of a seed: state = mix(seed) ^ mix(stream · golden), so streams of the same
    /// seed are independent and a stream does not shift when another one draws more numbers.
    /// </summary>
    public static SplitMix64 ForStream(long seed, ulong stream) =>
        new(Mix(unchecked((ulong)seed)) ^ Mix(unchecked((stream + 1) * 0x9E3779B97F4A7C15UL)));

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits: (x ≫ 11) · 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject).</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var threshold = unchecked(0UL - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold)
            {
                return product;
            }
        }
    }

    /// <summary>
    /// A standard normal N(0, 1) by Box–Muller: u₁ ∈ (0, 1], u₂ ∈ [0, 1), r = √(−2 ln u₁),
    /// values r·cos(2πu₂) and r·sin(2πu₂), the second kept for the next call.
    /// </summary>
    public double NextGaussian()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }

        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2.0 * Math.PI * u2);
        return r * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills a buffer with independent standard normals, in order.</summary>
    public void FillGaussian(Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = NextGaussian();
        }
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
