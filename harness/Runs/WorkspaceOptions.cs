using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Runs;

/// <summary>How a user asked to open the workspace (the shared options of the CLI and the build).</summary>
/// <param name="Root">Repository root; null: the nearest folder upward holding Reproduce.sln, else the current folder.</param>
/// <param name="Profile">smoke, quick or paper; null: the base specs.</param>
/// <param name="Spec">A spec file or a glob (e.g. <c>specs/mlp-*.yaml</c>); null: <c>specs/*.yaml</c>.</param>
/// <param name="Jobs">Stages run at once (<c>--jobs</c>); null: one per core, at most one per 3 GB of memory (<see cref="ThreadCount.DefaultJobs"/>).</param>
/// <param name="Device">cpu, cuda or auto: where train stages compute, over the specs' <c>device</c>; null: the specs'. Not part
/// of any stage key (the same computation in another place).</param>
/// <param name="Threads">libtorch threads per running stage (<c>--threads-per-job</c>); null: max(1, cores / jobs). Results
/// depend on it (not on <paramref name="Jobs"/> or the executor); it is not part of any stage key.</param>
/// <param name="DataDirectory">The data cache; null: $REPRODUCE_DATA, else <c>artifacts/data</c> under the root (<c>DataCache.Resolve</c>).</param>
public sealed record WorkspaceOptions(string? Root = null, string? Profile = "quick", string? Spec = null, int? Jobs = null, string? Device = null,
    int? Threads = null, string? DataDirectory = null)
{
    /// <summary>The stages run at once: <see cref="Jobs"/>, or the default.</summary>
    public int JobCount => Jobs ?? ThreadCount.DefaultJobs();

    /// <summary>The threads each running stage gets: <see cref="Threads"/>, or max(1, cores / jobs).</summary>
    public int ThreadsPerJob => Threads ?? ThreadCount.PerJob(JobCount);
}
