using CsCheck;
using Reproduce.Core.Assignment;
using Xunit;

namespace Reproduce.Tests.Core.Assignment;

/// <summary>Invariances of the linear assignment problem, checked on random shapes up to 12 × 12 with CsCheck.</summary>
public sealed class JonkerVolgenantPropertyTests
{
    private static readonly Gen<(int N, int M, int Seed)> Shapes = Gen.Select(Gen.Int[1, 12], Gen.Int[1, 12], Gen.Int);

    /// <summary>
    /// C'[i, j] = C[p(i), q(j)] has the same optimal value (1e-12 relative), and for uniform costs (unique optimum
    /// almost surely) exactly the permuted assignment π'(i) = q⁻¹(π(p(i))).
    /// </summary>
    [Fact]
    public void PermutingRowsAndColumnsPermutesTheOptimum()
    {
        Shapes.Sample((n, m, seed) =>
        {
            var rng = new Random(seed);
            var cost = Some.Uniform(rng, n, m);
            var maximize = rng.Next(2) == 1;
            var p = Permutation(rng, n);
            var q = Permutation(rng, m);
            var qInverse = new int[m];
            for (var j = 0; j < m; j++) qInverse[q[j]] = j;
            var permuted = new double[n, m];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < m; j++)
                    permuted[i, j] = cost[p[i], q[j]];

            var pi = LinearAssignment.Solve(cost, maximize);
            var piPermuted = LinearAssignment.Solve(permuted, maximize);

            AssignmentCheck.AssertValid(permuted, piPermuted);
            var expected = Enumerable.Range(0, n).Select(i => pi[p[i]] < 0 ? -1 : qInverse[pi[p[i]]]).ToArray();
            Assert.Equal(expected, piPermuted);
            AssignmentCheck.AssertClose(AssignmentCheck.Value(cost, pi), AssignmentCheck.Value(permuted, piPermuted), 1e-12, "value");
        }, iter: 300, threads: 1);
    }

    /// <summary>
    /// With every row assigned (n ≤ m), C + k·e_r changes every assignment's value by k, so the old optimum stays
    /// optimal: its value on the shifted matrix equals the new optimum (1e-12 relative). Tied integer costs included.
    /// </summary>
    [Fact]
    public void AddingAConstantToARowKeepsTheAssignmentOptimal()
    {
        Shapes.Sample((n, m, seed) =>
        {
            if (n > m) (n, m) = (m, n);
            var rng = new Random(seed);
            var cost = rng.Next(2) == 0 ? Some.Uniform(rng, n, m) : Some.Integers(rng, n, m, 0, 4);
            var maximize = rng.Next(2) == 1;
            var pi = LinearAssignment.Solve(cost, maximize);
            var shifted = (double[,])cost.Clone();
            var r = rng.Next(n);
            var k = rng.Next(-20, 21) * 0.5;
            for (var j = 0; j < m; j++) shifted[r, j] += k;

            var optimum = AssignmentCheck.SolvedValue(shifted, maximize);

            AssignmentCheck.AssertClose(optimum, AssignmentCheck.Value(shifted, pi), 1e-12, "old optimum on shifted matrix");
            AssignmentCheck.AssertClose(AssignmentCheck.Value(cost, pi) + k, optimum, 1e-12, "shifted optimum");
        }, iter: 300, threads: 1);
    }

    private static int[] Permutation(Random rng, int n)
    {
        var p = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(p);
        return p;
    }
}
