using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Execution.Workers;
using Reproduce.Harness.Runs;

namespace Reproduce.Harness.Execution;

/// <summary>Picks the executor a session runs its stages with (<c>--executor local|inprocess|slurm</c>).</summary>
public static class Executors
{
    /// <summary>
    /// The executor named by <paramref name="options"/> over <paramref name="session"/>'s workspace. Worker processes and
    /// Slurm need the built CLI; Slurm throws <see cref="SlurmException"/> when it is missing, the others
    /// <see cref="InvalidOperationException"/>; an unknown name throws <see cref="ArgumentException"/>.
    /// </summary>
    public static IExecutor Create(Session session, ExecutionOptions options) => options.Executor switch
    {
        ExecutionOptions.Local => new WorkerExecutor(session.Workspace, StageCommand.LocateForWorkers(), session.Progress, session.Availability),
        ExecutionOptions.InProcess => new InProcessExecutor(session.Executor, session.Availability),
        ExecutionOptions.Slurm => new SlurmExecutor(session.Workspace, new SlurmCommands(), StageCommand.Locate(), session.Progress, options, session.Availability),
        _ => throw new ArgumentException($"unknown executor '{options.Executor}'; expected one of {string.Join(", ", ExecutionOptions.Names)}"),
    };
}
