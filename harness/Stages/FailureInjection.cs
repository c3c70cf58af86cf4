using System.Text.RegularExpressions;
using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Stages;

/// <summary>
/// Test-only hooks: <c>REPRODUCE_FAIL_STAGES</c> holds stage-id globs separated by commas (<c>*</c> any run of
/// characters, <c>?</c> one), e.g. <c>train/mlp-mnist/sgd/*</c>; a stage whose id matches one fails when it would start
/// computing, with a message naming the hook, as if its runner had thrown. A stage served from the cache is not affected.
/// It works the same in every executor (the in-process executor, worker processes and Slurm jobs inherit it), so the
/// fault tests see what a real failure does: the stage and exactly its dependents fail, the rest still run.
/// <c>REPRODUCE_KILL_STAGES</c> (same globs) instead makes the process computing the stage SIGKILL itself at that point,
/// as the kernel's out-of-memory killer would: a worker process or a Slurm job dies (in process, the whole run does).
/// </summary>
public static class FailureInjection
{
    /// <summary>The environment variable read.</summary>
    public const string Variable = "REPRODUCE_FAIL_STAGES";

    /// <summary>The environment variable whose stages kill their process.</summary>
    public const string KillVariable = "REPRODUCE_KILL_STAGES";

    /// <summary>
    /// Throws <see cref="StageFailedException"/> when <paramref name="stage"/>'s id matches <see cref="Variable"/>'s globs;
    /// kills this process (after a line on standard output and one on standard error) when it matches <see cref="KillVariable"/>'s.
    /// </summary>
    public static void Check(Stage stage)
    {
        if (Hit(KillVariable, stage) is { } kill)
        {
            Console.Out.WriteLine($"{stage.Id}: killed by {KillVariable}={kill}");
            Console.Out.Flush();
            Console.Error.WriteLine($"{stage.Id}: SIGKILL to process {Environment.ProcessId}");
            Console.Error.Flush();
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
        if (Hit(Variable, stage) is { } globs) throw new StageFailedException($"{stage.Id}: failure injected by {Variable}={globs}");
    }

    /// <summary>The globs of <paramref name="variable"/> when one matches <paramref name="stage"/>'s id; else null.</summary>
    private static string? Hit(string variable, Stage stage) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } globs
        && globs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(g => Matches(g, stage.Id))
            ? globs : null;

    /// <summary>True when <paramref name="id"/> matches <paramref name="glob"/> as a whole.</summary>
    public static bool Matches(string glob, string id) =>
        Regex.IsMatch(id, "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
}
