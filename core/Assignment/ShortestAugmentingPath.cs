using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Reproduce.Core.Assignment;

/// <summary>
/// The state and search of <see cref="JonkerVolgenant"/> on C: (n, m), n ≤ m, read in place and used as
/// s·C with s = −1 when maximizing. Dual potentials u: (n), v: (m); tentative distances d: (m).
/// </summary>
/// <remarks>
/// The Dijkstra step from row i relaxes every column with SIMD: d[j] ← min(d[j], δ + s·C[i,j] − u[i] − v[j])
/// with δ the distance of row i. A column leaves the search (Crouse's SC set) by setting v[j] = −∞, which makes
/// its candidate +∞, and d[j] = +∞; its distance and true v[j] are kept in the scanned list and restored
/// (with the dual update) after the augmentation. No allocation happens after construction.
/// </remarks>
internal sealed class ShortestAugmentingPath
{
    private readonly double[,] c;
    private readonly double sign;
    private readonly double[] u, v, d, scannedCost, savedV;
    private readonly long[] path;
    private readonly int[] col4row, row4col, scannedCol;
    private readonly int n, m;

    public ShortestAugmentingPath(double[,] c, bool negate)
    {
        (this.c, n, m, sign) = (c, c.GetLength(0), c.GetLength(1), negate ? -1.0 : 1.0);
        u = new double[n];
        v = new double[m];
        d = new double[m];
        path = new long[m];
        col4row = new int[n];
        row4col = new int[m];
        scannedCol = new int[m];
        scannedCost = new double[m];
        savedV = new double[m];
        Array.Fill(col4row, -1);
        Array.Fill(row4col, -1);
    }

    private ref double C0 => ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(c));

    /// <summary>Returns col4row, an optimal assignment of every row (n ≤ m).</summary>
    public int[] Run()
    {
        if (n == m) ReduceColumns();
        for (var row = 0; row < n; row++)
        {
            if (col4row[row] < 0) Augment(row);
        }
        return col4row;
    }

    /// <summary>Square start: v[j] = min_i s·C[i,j]; column j goes to its first minimizing row when that row is free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReduceColumns()
    {
        var w = Vector<double>.Count;
        var mFull = (nuint)(m - m % w);
        v.AsSpan().Fill(double.PositiveInfinity);
        ref var c0 = ref C0;
        ref var v0 = ref MemoryMarshal.GetArrayDataReference(v);
        ref var p0 = ref MemoryMarshal.GetArrayDataReference(path);
        var signV = new Vector<double>(sign);
        for (var i = 0; i < n; i++)
        {
            var iv = new Vector<long>(i);
            var rowStart = (nuint)i * (nuint)m;
            nuint j = 0;
            for (; j < mFull; j += (nuint)w)
            {
                var x = signV * Vector.LoadUnsafe(ref c0, rowStart + j);
                var best = Vector.LoadUnsafe(ref v0, j);
                var lower = Vector.LessThan(x, best);
                Vector.ConditionalSelect(lower, x, best).StoreUnsafe(ref v0, j);
                Vector.ConditionalSelect(lower, iv, Vector.LoadUnsafe(ref p0, j)).StoreUnsafe(ref p0, j);
            }
            for (; j < (nuint)m; j++)
            {
                var x = sign * Unsafe.Add(ref c0, rowStart + j);
                if (x < v[j]) (v[j], path[j]) = (x, i);
            }
        }
        for (var j = 0; j < m; j++)
        {
            if (double.IsPositiveInfinity(v[j])) throw Infeasible();
            var i = (int)path[j];
            if (col4row[i] >= 0) continue;
            col4row[i] = j;
            row4col[j] = i;
        }
    }

    /// <summary>Dijkstra from free row <paramref name="row"/> to the nearest free column, dual update, path flip.</summary>
    private void Augment(int row)
    {
        d.AsSpan().Fill(double.PositiveInfinity);
        int i = row, scanned = 0, sink;
        var minVal = 0.0;
        while (true)
        {
            var (lowest, j) = Relax(i, minVal - u[i]);
            if (double.IsPositiveInfinity(lowest)) throw Infeasible();
            minVal = lowest;
            scannedCol[scanned] = j;
            scannedCost[scanned] = lowest;
            savedV[scanned] = v[j];
            scanned++;
            v[j] = double.NegativeInfinity;
            d[j] = double.PositiveInfinity;
            if (row4col[j] < 0) { sink = j; break; }
            i = row4col[j];
        }

        // Crouse's update: u[i] += δ − d[col4row[i]] on scanned rows, v[j] −= δ − d[j] on scanned columns.
        u[row] += minVal;
        for (var t = 0; t < scanned; t++)
        {
            var j = scannedCol[t];
            var slack = minVal - scannedCost[t];
            v[j] = savedV[t] - slack;
            if (j != sink) u[row4col[j]] += slack;
        }

        for (var j = sink; ;)
        {
            var r = (int)path[j];
            row4col[j] = r;
            (col4row[r], j) = (j, col4row[r]);
            if (r == row) break;
        }
    }

    /// <summary>
    /// One Dijkstra step from row i with shift = δ − u[i]: relaxes d over all columns and returns the smallest
    /// d[j] among columns still in the search. Ties go to the first free column (it ends the search, which keeps
    /// tied integer costs from degenerating into long searches), else to the lowest index.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Lowest, int Column) Relax(int i, double shift)
    {
        var w = Vector<double>.Count;
        var mFull = (nuint)(m - m % w);
        ref var c0 = ref C0;
        ref var v0 = ref MemoryMarshal.GetArrayDataReference(v);
        ref var d0 = ref MemoryMarshal.GetArrayDataReference(d);
        ref var p0 = ref MemoryMarshal.GetArrayDataReference(path);
        var rowStart = (nuint)i * (nuint)m;
        var signV = new Vector<double>(sign);
        var shiftV = new Vector<double>(shift);
        var iV = new Vector<long>(i);
        var best = new Vector<double>(double.PositiveInfinity);
        var bestIdx = Vector<long>.Zero;
        var idx = Vector<long>.Indices;
        var step = new Vector<long>(w);
        var infinity = new Vector<double>(double.PositiveInfinity);
        var ties = Vector<long>.Zero;
        nuint j = 0;
        for (; j < mFull; j += (nuint)w)
        {
            var r = shiftV + signV * Vector.LoadUnsafe(ref c0, rowStart + j) - Vector.LoadUnsafe(ref v0, j);
            var dj = Vector.LoadUnsafe(ref d0, j);
            var better = Vector.LessThan(r, dj);
            if (better != Vector<long>.Zero)
            {
                dj = Vector.ConditionalSelect(better, r, dj);
                dj.StoreUnsafe(ref d0, j);
                Vector.ConditionalSelect(better, iV, Vector.LoadUnsafe(ref p0, j)).StoreUnsafe(ref p0, j);
            }
            // Conservative: flags any finite in-lane tie with the running minimum, even one later beaten.
            ties |= Vector.Equals(dj, best) & Vector.LessThan(dj, infinity);
            var lower = Vector.LessThan(dj, best);
            best = Vector.ConditionalSelect(lower, dj, best);
            bestIdx = Vector.ConditionalSelect(lower, idx, bestIdx);
            idx += step;
        }

        var lowest = double.PositiveInfinity;
        var column = 0L;
        var tied = ties != Vector<long>.Zero;
        for (var k = 0; k < w; k++)
        {
            tied |= best[k] == lowest && lowest < double.PositiveInfinity;
            if (best[k] < lowest || (best[k] == lowest && bestIdx[k] < column))
            {
                lowest = best[k];
                column = bestIdx[k];
            }
        }
        // The tail (m mod w columns) has the largest indices, so it wins only when strictly lower.
        for (; j < (nuint)m; j++)
        {
            var r = shift + sign * Unsafe.Add(ref c0, rowStart + j) - v[j];
            if (r < d[j]) (d[j], path[j]) = (r, i);
            tied |= d[j] == lowest && lowest < double.PositiveInfinity;
            if (d[j] < lowest) (lowest, column) = (d[j], (long)j);
        }
        if (tied && row4col[column] >= 0)
        {
            for (var k = 0; k < m; k++)
            {
                if (d[k] == lowest && row4col[k] < 0) return (lowest, k);
            }
        }
        return (lowest, (int)column);
    }

    private static ArgumentException Infeasible() =>
        new("cost matrix is infeasible: no complete assignment avoids the forbidden (infinite) pairs.", "cost");
}
