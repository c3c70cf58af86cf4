namespace Reproduce.Harness.Execution;

/// <summary>How to run the stage graph (the CLI's and the build's <c>--executor</c> and <c>--detach</c>).</summary>
/// <param name="Executor"><c>local</c> (in this process, the default) or <c>slurm</c> (one <c>sbatch</c> job per stage).</param>
/// <param name="Detach">Slurm: return once the jobs are submitted instead of following them to their end.</param>
/// <param name="Poll">Slurm: how often the queue is read while following; null: 5 s.</param>
public sealed record ExecutionOptions(string Executor = ExecutionOptions.Local, bool Detach = false, TimeSpan? Poll = null)
{
    /// <summary>The in-process executor's name.</summary>
    public const string Local = "local";

    /// <summary>The Slurm executor's name.</summary>
    public const string Slurm = "slurm";

    /// <summary>Every executor name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Local, Slurm];
}
