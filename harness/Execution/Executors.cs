using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Runs;

namespace Reproduce.Harness.Execution;

/// <summary>Picks the executor a session runs its stages with (<c>--executor local|slurm</c>).</summary>
public static class Executors
{
    /// <summary>
    /// The executor named by <paramref name="options"/> over <paramref name="session"/>'s workspace. Slurm needs the
    /// built CLI; it throws <see cref="SlurmException"/> when it is missing, and <see cref="ArgumentException"/> for an
    /// unknown name.
    /// </summary>
    public static IExecutor Create(Session session, ExecutionOptions options) => options.Executor switch
    {
        ExecutionOptions.Local => new LocalExecutor(session.Executor),
        ExecutionOptions.Slurm => new SlurmExecutor(session.Workspace, new SlurmCommands(), StageCommand.Locate(), session.Progress, options),
        _ => throw new ArgumentException($"unknown executor '{options.Executor}'; expected one of {string.Join(", ", ExecutionOptions.Names)}"),
    };
}
