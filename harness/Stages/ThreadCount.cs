namespace Reproduce.Harness.Stages;

/// <summary>
/// How many libtorch threads a stage computes with. A stage's floating-point sums, and so its bits, depend on this number
/// (libtorch splits reductions by thread), not on how many stages run at once or in which process: results are
/// identical for every <c>--jobs</c> and executor at one <c>--threads-per-job</c>.
/// </summary>
public static class ThreadCount
{
    /// <summary>The default share of the cores per running stage: max(1, cores / jobs).</summary>
    public static int PerJob(int jobs) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, jobs));
}
