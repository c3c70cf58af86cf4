using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Reproduce.Core.Assignment;

/// <summary>
/// Linear assignment by shortest augmenting paths with dual potentials (the Jonker-Volgenant family, as
/// Crouse 2016 "On implementing 2D rectangular assignment algorithms" and SciPy's <c>linear_sum_assignment</c>).
/// For C: (n, m) with n ≤ m it finds the injective π: rows → columns minimizing Σ_i C[i, π(i)]; when n &gt; m
/// it solves Cᵀ and leaves n − m rows unassigned (-1), as SciPy does. Maximizing Σ C is minimizing Σ (−C).
/// </summary>
/// <remarks>
/// Invariants kept throughout: reduced costs C[i,j] − u[i] − v[j] ≥ 0, and = 0 on assigned pairs, so the
/// final assignment is optimal by LP duality. A square problem starts from the column reduction
/// v[j] = min_i C[i,j] with the greedy tight assignment it allows (rectangular ones start from u = v = 0,
/// which keeps v ≤ 0 and v = 0 on unassigned columns, the dual conditions of the rectangular problem).
/// Each free row is then augmented by a Dijkstra search over reduced costs.
/// Forbidden pairs: +∞ (−∞ when maximizing) forbids a pair, as in SciPy; NaN and the opposite infinity are
/// rejected; an input with no complete assignment avoiding forbidden pairs throws.
/// Ties: among equal distances a search takes the first free column, else the lowest column index, so results
/// are deterministic; with tied optima the assignment may differ from SciPy's, the optimal value does not.
/// Costs are used as given (no rescaling): entries near ±1.8e308 can overflow the reduced costs to ∞.
/// The matrix is read in place (tall ones are transposed into a copy); it is never modified.
/// </remarks>
public static class JonkerVolgenant
{
    /// <summary>
    /// Solves min (or max) Σ_i C[i, π(i)] over injective π. <paramref name="cost"/>: (n, m).
    /// Returns π: length n, π[i] the column of row i, or -1 when n &gt; m and row i is unassigned.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is NaN or the disallowed infinity, or no feasible assignment exists.</exception>
    public static int[] Solve(double[,] cost, bool maximize)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        var result = new int[rows];
        Array.Fill(result, -1);
        if (rows == 0 || cols == 0) return result;

        Validate(cost, maximize);
        // The search needs n ≤ m; a tall matrix is solved on its transpose. A wide or square one is read in place.
        var transpose = rows > cols;
        var col4row = new ShortestAugmentingPath(transpose ? Transpose(cost) : cost, negate: maximize).Run();
        if (!transpose) return col4row;
        for (var i = 0; i < col4row.Length; i++) result[col4row[i]] = i;
        return result;
    }

    /// <summary>Throws, naming the first offending entry, when some ±C[i, j] (sign of the objective) is NaN or −∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Validate(double[,] cost, bool maximize)
    {
        var flat = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(cost)), cost.Length);
        var sign = new Vector<double>(maximize ? -1.0 : 1.0);
        var negInf = new Vector<double>(double.NegativeInfinity);
        var w = Vector<double>.Count;
        var valid = true;
        var j = 0;
        // x > −∞ is false exactly for NaN and −∞.
        for (; j + w <= flat.Length; j += w) valid &= Vector.GreaterThanAll(sign * new Vector<double>(flat[j..]), negInf);
        for (; j < flat.Length; j++) valid &= (maximize ? -flat[j] : flat[j]) > double.NegativeInfinity;
        if (valid) return;
        for (var r = 0; r < cost.GetLength(0); r++)
        {
            for (var k = 0; k < cost.GetLength(1); k++)
            {
                if ((maximize ? -cost[r, k] : cost[r, k]) > double.NegativeInfinity) continue;
                throw new ArgumentException(
                    $"cost[{r}, {k}] is {cost[r, k]}; entries must be finite, or {(maximize ? "-inf" : "+inf")} "
                    + $"to forbid a pair when {(maximize ? "maximizing" : "minimizing")}.", nameof(cost));
            }
        }
    }

    /// <summary>Cᵀ: (m, n) for C: (n, m), in 32 × 32 tiles to stay in cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[,] Transpose(double[,] cost)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        var t = new double[m, n];
        const int tile = 32;
        for (var i0 = 0; i0 < n; i0 += tile)
            for (var j0 = 0; j0 < m; j0 += tile)
                for (var i = i0; i < Math.Min(n, i0 + tile); i++)
                    for (var j = j0; j < Math.Min(m, j0 + tile); j++)
                        t[j, i] = cost[i, j];
        return t;
    }
}
