namespace Reproduce.Harness.Stages;

/// <summary>
/// How many stages run at once and how many libtorch threads each computes with. A stage's floating-point sums, and so
/// its bits, depend on its thread count (libtorch splits reductions by thread), not on how many stages run at once or in
/// which process: results are identical for every <c>--jobs</c> and executor at one <c>--threads-per-job</c>.
/// </summary>
public static class ThreadCount
{
    /// <summary>Memory a running stage is allowed, for the default number of jobs: 3 GB (a paper-size LeNet or VGG stage's order).</summary>
    public const double BytesPerJob = 3e9;

    /// <summary>
    /// The default number of stages at once: one per core, each with one thread (several single-threaded processes
    /// train these small networks faster than one process with several threads: <c>./build.sh Bench -- --filter jobs</c>),
    /// but at most one per <see cref="BytesPerJob"/> of the memory this process may use, and at least one.
    /// </summary>
    public static int DefaultJobs()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Max(1, Math.Min(Environment.ProcessorCount, (int)Math.Min(int.MaxValue, memory / BytesPerJob)));
    }

    /// <summary>The default share of the cores per running stage: max(1, cores / jobs).</summary>
    public static int PerJob(int jobs) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, jobs));
}
