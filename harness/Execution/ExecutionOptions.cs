namespace Reproduce.Harness.Execution;

/// <summary>How to run the stage graph (the CLI's and the build's <c>--executor</c> and <c>--detach</c>).</summary>
/// <param name="Executor"><c>local</c> (worker processes on this machine, the default), <c>inprocess</c> (threads of this
/// process: for tests and debugging) or <c>slurm</c> (one <c>sbatch</c> job per stage).</param>
/// <param name="Detach">Slurm: return once the jobs are submitted instead of following them to their end.</param>
/// <param name="Poll">Slurm: how often the queue is read while following; null: 5 s.</param>
public sealed record ExecutionOptions(string Executor = ExecutionOptions.Local, bool Detach = false, TimeSpan? Poll = null)
{
    /// <summary>The default executor: each stage that is not cached runs as its own worker process, <c>--jobs</c> at once.</summary>
    public const string Local = "local";

    /// <summary>The in-process executor: stages run on threads of this process (no isolation; for tests and debugging).</summary>
    public const string InProcess = "inprocess";

    /// <summary>The Slurm executor's name.</summary>
    public const string Slurm = "slurm";

    /// <summary>Every executor name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Local, InProcess, Slurm];

    /// <summary>Options of the in-process executor.</summary>
    public static ExecutionOptions InProcessOnly { get; } = new(InProcess);
}
