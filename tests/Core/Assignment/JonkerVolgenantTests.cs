using System.IO.Compression;
using System.Text.Json;
using Reproduce.Core.Assignment;
using Xunit;

namespace Reproduce.Tests.Core.Assignment;

/// <summary>
/// <see cref="JonkerVolgenant"/> against an exhaustive search and against SciPy's stored answers.
/// Values are compared (ties allow different optimal assignments); every assignment is checked for validity.
/// </summary>
public sealed class JonkerVolgenantTests
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Assignment");

    /// <summary>Every shape n × m with n, m ≤ 8, real and tied integer costs, min and max; tolerance 1e-12 relative.</summary>
    [Fact]
    public void AgreesWithBruteForceOnEverySizeUpToEight()
    {
        var rng = new Random(7);
        for (var n = 1; n <= 8; n++)
        {
            for (var m = 1; m <= 8; m++)
            {
                var repeats = n * m >= 49 ? 4 : 12;
                for (var k = 0; k < repeats; k++)
                {
                    foreach (var cost in new[] { Some.Uniform(rng, n, m), Some.Integers(rng, n, m, 0, 3), Some.Integers(rng, n, m, -5, 6) })
                    {
                        foreach (var maximize in new[] { false, true })
                        {
                            AssignmentCheck.AssertClose(AssignmentCheck.BruteForce(cost, maximize),
                                AssignmentCheck.SolvedValue(cost, maximize), 1e-12, $"{n}x{m} maximize={maximize} #{k}");
                        }
                    }
                }
            }
        }
    }

    public static TheoryData<string> FixtureNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReadIndex().RootElement.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    /// <summary>Optimal value equals SciPy's to 1e-9 relative (make_fixtures.py beside the fixtures made them).</summary>
    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void AgreesWithScipyOnStoredFixtures(string name)
    {
        var entry = ReadIndex().RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        int rows = entry.GetProperty("rows").GetInt32(), cols = entry.GetProperty("cols").GetInt32();
        var maximize = entry.GetProperty("maximize").GetBoolean();
        var cost = ReadMatrix(Path.Combine(FixtureDir, entry.GetProperty("file").GetString()!), rows, cols);
        var scipy = entry.GetProperty("assignment").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        AssignmentCheck.AssertValid(cost, scipy);

        var ours = LinearAssignment.Solve(cost, maximize);

        AssignmentCheck.AssertValid(cost, ours);
        var expected = entry.GetProperty("value").GetDouble();
        AssignmentCheck.AssertClose(expected, AssignmentCheck.Value(cost, scipy), 1e-9, $"{name}: SciPy's stored assignment");
        AssignmentCheck.AssertClose(expected, AssignmentCheck.Value(cost, ours), 1e-9, name);
    }

    /// <summary>The same input gives the same assignment, ties included.</summary>
    [Fact]
    public void RepeatedSolvesAreIdentical()
    {
        var cost = Some.Integers(new Random(3), 60, 45, 0, 3);
        Assert.Equal(LinearAssignment.Solve(cost), LinearAssignment.Solve(cost));
    }

    /// <summary>NaN and the infinity that cannot mean "forbidden" are rejected with the entry's position.</summary>
    [Theory]
    [InlineData(double.NaN, false)]
    [InlineData(double.NaN, true)]
    [InlineData(double.NegativeInfinity, false)]
    [InlineData(double.PositiveInfinity, true)]
    public void RejectsInvalidEntries(double bad, bool maximize)
    {
        var cost = Some.Uniform(new Random(1), 3, 4);
        cost[2, 1] = bad;
        var e = Assert.Throws<ArgumentException>(() => LinearAssignment.Solve(cost, maximize));
        Assert.Contains("cost[2, 1]", e.Message);
    }

    /// <summary>+∞ (−∞ when maximizing) forbids a pair; an input with no assignment avoiding them throws.</summary>
    [Fact]
    public void ForbiddenPairsAreAvoidedOrReportedInfeasible()
    {
        double inf = double.PositiveInfinity;
        var cost = new double[,] { { inf, 1, 5 }, { 2, inf, inf }, { 3, 4, inf } };
        Assert.Equal(new[] { 2, 0, 1 }, LinearAssignment.Solve(cost));
        var negated = new double[,] { { -inf, -1, -5 }, { -2, -inf, -inf }, { -3, -4, -inf } };
        Assert.Equal(new[] { 2, 0, 1 }, LinearAssignment.Solve(negated, maximize: true));

        var infeasible = new double[,] { { 1, inf, inf }, { 2, inf, inf }, { 3, 4, 5 } };
        Assert.Throws<ArgumentException>(() => LinearAssignment.Solve(infeasible));
        Assert.Throws<ArgumentException>(() => LinearAssignment.Solve(new double[,] { { inf, inf } }));
    }

    /// <summary>Empty inputs: no rows gives an empty result, no columns leaves every row unassigned.</summary>
    [Fact]
    public void EmptyInputsAssignNothing()
    {
        Assert.Empty(LinearAssignment.Solve(new double[0, 5]));
        Assert.Equal(new[] { -1, -1 }, LinearAssignment.Solve(new double[2, 0]));
    }

    private static JsonDocument ReadIndex() => JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDir, "index.json")));

    /// <summary>Reads a gzip'd row-major float64 little-endian matrix: (rows, cols).</summary>
    private static double[,] ReadMatrix(string path, int rows, int cols)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        var bytes = buffer.ToArray();
        Assert.Equal(rows * cols * sizeof(double), bytes.Length);
        var cost = new double[rows, cols];
        Buffer.BlockCopy(bytes, 0, cost, 0, bytes.Length);
        return cost;
    }
}
