using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Execution;

/// <summary>
/// Where planned stages run: as worker processes on this machine (<see cref="Workers.WorkerExecutor"/>, the default), on
/// threads of this process (<see cref="InProcessExecutor"/>) or as cluster jobs (<see cref="Slurm.SlurmExecutor"/>). All
/// skip what the cache holds and what cannot run here (<see cref="DataAvailability"/>, the same way), and commit through
/// the cache, so a result is the same wherever it was computed.
/// </summary>
public interface IExecutor
{
    /// <summary>Runs (or submits) <paramref name="stages"/> and every stage they need that is not cached.</summary>
    Task<ExecutionReport> ExecuteAsync(IReadOnlyList<Stage> stages, CancellationToken cancel = default);
}
