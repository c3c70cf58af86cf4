using Reproduce.Core.Assignment;
using Xunit;

namespace Reproduce.Tests.Core.Assignment;

/// <summary>What every assignment test checks: validity, the objective Σ C[i, π(i)], and an exhaustive optimum.</summary>
internal static class AssignmentCheck
{
    /// <summary>π is valid: length n, min(n, m) rows assigned to distinct columns in range, the rest -1.</summary>
    public static void AssertValid(double[,] cost, int[] assignment)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        Assert.Equal(n, assignment.Length);
        var used = new bool[m];
        var assigned = 0;
        foreach (var j in assignment)
        {
            if (j == -1) continue;
            Assert.InRange(j, 0, m - 1);
            Assert.False(used[j], $"column {j} is used twice");
            used[j] = true;
            assigned++;
        }
        Assert.Equal(Math.Min(n, m), assigned);
    }

    /// <summary>Σ_i C[i, π(i)] over assigned rows.</summary>
    public static double Value(double[,] cost, int[] assignment)
    {
        var sum = 0.0;
        for (var i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0) sum += cost[i, assignment[i]];
        }
        return sum;
    }

    /// <summary>The optimal value by trying every injective map of the smaller side into the larger (≤ 8! maps).</summary>
    public static double BruteForce(double[,] cost, bool maximize)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        var transpose = n > m;
        int small = transpose ? m : n, large = transpose ? n : m;
        double At(int a, int b) => transpose ? cost[b, a] : cost[a, b];
        var used = new bool[large];
        var best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        void Search(int a, double sum)
        {
            if (a == small)
            {
                best = maximize ? Math.Max(best, sum) : Math.Min(best, sum);
                return;
            }
            for (var b = 0; b < large; b++)
            {
                if (used[b]) continue;
                used[b] = true;
                Search(a + 1, sum + At(a, b));
                used[b] = false;
            }
        }
        Search(0, 0.0);
        return best;
    }

    /// <summary>Solves, checks validity, and returns the value.</summary>
    public static double SolvedValue(double[,] cost, bool maximize)
    {
        var assignment = LinearAssignment.Solve(cost, maximize);
        AssertValid(cost, assignment);
        return Value(cost, assignment);
    }

    /// <summary>Relative closeness |a − b| ≤ tol · max(1, |a|, |b|).</summary>
    public static void AssertClose(double expected, double actual, double tol, string what)
    {
        var scale = Math.Max(1.0, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(Math.Abs(expected - actual) <= tol * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
