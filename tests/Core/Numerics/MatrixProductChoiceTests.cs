using Reproduce.Core.Numerics;
using Xunit;

namespace Reproduce.Tests.Core.Numerics;

/// <summary>
/// How <see cref="MatrixProducts.Decide"/> picks the linear layers' route: a measurement made once per machine and kept, so
/// that later runs there take the same route (the route changes the bits), measured again for another machine or a
/// damaged record, and never measured when the route is forced or OpenBLAS is missing.
/// </summary>
public sealed class MatrixProductChoiceTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "reproduce-matmul-" + Guid.NewGuid().ToString("N")[..8]);
    private string Record => Path.Combine(folder, "sub", "matrix-products.json");
    private int measured;

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private MatrixProductChoice Decide(string asked, (double, double) rates, string machine = "cpu A", bool available = true) =>
        MatrixProducts.Decide(asked, available, () => "SkylakeX", () => machine, Record, () =>
        {
            measured++;
            return rates;
        });

    [Fact]
    public void AutoMeasuresOnceAndKeepsTheRouteForLaterRuns()
    {
        var first = Decide("auto", (160, 330));
        Assert.Equal(MatrixProductRoute.OpenBlas, first.Route);
        Assert.Equal(1, measured);
        Assert.True(File.Exists(Record));

        // A later run on a busy machine would measure libtorch faster; it takes the kept route without measuring.
        var second = Decide("auto", (160, 100));
        Assert.Equal(MatrixProductRoute.OpenBlas, second.Route);
        Assert.Equal(1, measured);
        Assert.Equal(330, second.OpenBlasGflops);
        Assert.Contains("kept in", second.Reason);
    }

    [Fact]
    public void OpenBlasMustBeClearlyFasterToBeTaken()
    {
        Assert.Equal(MatrixProductRoute.LibTorch, Decide("auto", (160, 160 * MatrixProducts.Margin * 0.99)).Route);
        Assert.Equal(MatrixProductRoute.LibTorch, Decide("auto", (160, 500)).Route); // kept from the first measurement
        Assert.Equal(MatrixProductRoute.OpenBlas, Decide("measure", (160, 160 * MatrixProducts.Margin)).Route);
        Assert.Equal(2, measured);
        Assert.Equal(MatrixProductRoute.OpenBlas, Decide("auto", (160, 100)).Route); // measure replaced the record
    }

    [Fact]
    public void EachMachineKeepsItsOwnRecordAndADamagedFileIsMeasuredAgain()
    {
        Decide("auto", (160, 330));
        Assert.Equal(MatrixProductRoute.LibTorch, Decide("auto", (160, 120), machine: "cpu B").Route);
        Assert.Equal(2, measured);
        // Both kept: the nodes of a cluster sharing one home folder do not overwrite each other's record.
        Assert.Equal(MatrixProductRoute.OpenBlas, Decide("auto", (160, 100)).Route);
        Assert.Equal(MatrixProductRoute.LibTorch, Decide("auto", (160, 500), machine: "cpu B").Route);
        Assert.Equal(2, measured);
        Assert.Equal(2, RememberedRoute.ReadAll(Record).Count);
        foreach (var damage in new[] { "", "[", "[{\"machine\": \"cpu B\", \"route\": \"gpu\"}]", "{\"machine\": \"cpu B\"}", "[1, 2]", "[null]" })
        {
            File.WriteAllText(Record, damage);
            Assert.Empty(RememberedRoute.ReadAll(Record));
            Assert.Equal(MatrixProductRoute.OpenBlas, Decide("auto", (160, 330), machine: "cpu B").Route);
        }
        Assert.Equal(8, measured);
        Assert.Equal("cpu B", Assert.Single(RememberedRoute.ReadAll(Record)).Machine);
    }

    [Fact]
    public void TheMachineIsTheCpuModelAndOpenBlasBuildNotTheCpuCount()
    {
        var machine = RememberedRoute.ThisMachine("SkylakeX", "OpenBLAS 0.3.21 USE_OPENMP");
        Assert.Contains("SkylakeX", machine);
        Assert.DoesNotContain("CPUs", machine);
        Assert.Equal(machine, RememberedRoute.ThisMachine("SkylakeX", "OpenBLAS 0.3.21 USE_OPENMP"));
        Assert.NotEqual(machine, RememberedRoute.ThisMachine("Haswell", "OpenBLAS 0.3.21 USE_OPENMP"));
    }

    [Fact]
    public void ForcedRoutesAndMissingOpenBlasMeasureNothing()
    {
        Assert.Equal(MatrixProductRoute.LibTorch, Decide(" LibTorch ", (160, 330)).Route);
        Assert.Equal(MatrixProductRoute.OpenBlas, Decide("openblas", (160, 100)).Route);
        var missing = Decide("auto", (160, 330), available: false);
        Assert.Equal(MatrixProductRoute.LibTorch, missing.Route);
        Assert.Equal("OpenBLAS is not installed", missing.Reason);
        Assert.Throws<InvalidOperationException>(() => Decide("openblas", (160, 330), available: false));
        Assert.Throws<InvalidOperationException>(() => Decide("fastest", (160, 330)));
        Assert.Equal(0, measured);
        Assert.False(File.Exists(Record));
    }

    [Fact]
    public void AnUnwritableRecordStillGivesTheMeasuredRoute()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "sub"), "a file where the record's folder should be");
        var choice = Decide("auto", (160, 330));
        Assert.Equal(MatrixProductRoute.OpenBlas, choice.Route);
        Assert.Contains("not kept", choice.Reason);
    }
}
