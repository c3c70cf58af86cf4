using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Execution;

/// <summary>
/// Where planned stages run: in this process (<see cref="LocalExecutor"/>) or as cluster jobs
/// (<see cref="Slurm.SlurmExecutor"/>). Both skip what the cache holds and commit through it, so a result is the same
/// wherever it was computed.
/// </summary>
public interface IExecutor
{
    /// <summary>Runs (or submits) <paramref name="stages"/> and every stage they need that is not cached.</summary>
    Task<ExecutionReport> ExecuteAsync(IReadOnlyList<Stage> stages, CancellationToken cancel = default);
}
