namespace Reproduce.Core.Assignment;

/// <summary>
/// Linear assignment (the facade; the default algorithm is <see cref="JonkerVolgenant"/>).
/// For a cost matrix C (n rows, m columns) finds the assignment of min(n, m) rows to distinct columns
/// that minimizes (or maximizes) Σ C[i, π(i)], as SciPy's <c>linear_sum_assignment</c>.
/// </summary>
public static class LinearAssignment
{
    /// <summary>
    /// Solves the assignment problem. Returns, for each row i, its column π(i), or -1 when n &gt; m and row i
    /// is left unassigned. Non-finite entries are rejected.
    /// </summary>
    public static int[] Solve(double[,] cost, bool maximize = false) => JonkerVolgenant.Solve(cost, maximize);
}
