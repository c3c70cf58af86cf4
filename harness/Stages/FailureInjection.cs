using System.Text.RegularExpressions;
using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Stages;

/// <summary>
/// A test-only hook: <c>REPRODUCE_FAIL_STAGES</c> holds stage-id globs separated by commas (<c>*</c> any run of
/// characters, <c>?</c> one), e.g. <c>train/mlp-mnist/sgd/*</c>; a stage whose id matches one fails when it would start
/// computing, with a message naming the hook, as if its runner had thrown. A stage served from the cache is not affected.
/// It works the same in every executor (the in-process executor, worker processes and Slurm jobs inherit it), so the
/// fault tests see what a real failure does: the stage and exactly its dependents fail, the rest still run.
/// </summary>
public static class FailureInjection
{
    /// <summary>The environment variable read.</summary>
    public const string Variable = "REPRODUCE_FAIL_STAGES";

    /// <summary>Throws <see cref="StageFailedException"/> when <paramref name="stage"/>'s id matches the hook's globs.</summary>
    public static void Check(Stage stage)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } globs) return;
        if (globs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(g => Matches(g, stage.Id)))
            throw new StageFailedException($"{stage.Id}: failure injected by {Variable}={globs}");
    }

    /// <summary>True when <paramref name="id"/> matches <paramref name="glob"/> as a whole.</summary>
    public static bool Matches(string glob, string id) =>
        Regex.IsMatch(id, "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
}
