using System.Numerics;

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
/// Ties: every search takes the lowest column index among equal distances, so results are deterministic;
/// with tied optima the assignment may differ from SciPy's, the optimal value does not.
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

        // The search needs n ≤ m; a tall matrix is solved on its transpose.
        var transpose = rows > cols;
        int n = transpose ? cols : rows, m = transpose ? rows : cols;
        var width = Vector<double>.Count;
        var stride = (m + width - 1) / width * width;
        var c = Copy(cost, transpose, maximize, n, m, stride);

        var col4row = new ShortestAugmentingPath(c, n, m, stride).Run();
        if (!transpose) return col4row;
        for (var i = 0; i < n; i++) result[col4row[i]] = i;
        return result;
    }

    /// <summary>Row-major copy c[i * stride + j] = ±C[i, j] (or Cᵀ), padded with zeros, after validation.</summary>
    private static double[] Copy(double[,] cost, bool transpose, bool maximize, int n, int m, int stride)
    {
        var c = new double[n * stride];
        var sign = maximize ? -1.0 : 1.0;
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < cols; k++)
            {
                var x = sign * cost[r, k];
                if (double.IsNaN(x) || double.IsNegativeInfinity(x))
                {
                    throw new ArgumentException(
                        $"cost[{r}, {k}] is {cost[r, k]}; entries must be finite, or {(maximize ? "-inf" : "+inf")} "
                        + $"to forbid a pair when {(maximize ? "maximizing" : "minimizing")}.", nameof(cost));
                }
                if (transpose) c[k * stride + r] = x;
                else c[r * stride + k] = x;
            }
        }
        return c;
    }
}
