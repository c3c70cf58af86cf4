using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Execution.Slurm;

/// <summary>One pass of submissions over a stage graph.</summary>
/// <param name="Stages">The stages asked for with what they need, in dependency order.</param>
/// <param name="Jobs">The job of every stage that is not done: submitted now or found queued or running.</param>
/// <param name="Submitted">Keys of the stages submitted by this pass.</param>
public sealed record SlurmSubmission(IReadOnlyList<Stage> Stages, IReadOnlyDictionary<string, string> Jobs, IReadOnlyList<string> Submitted)
{
    /// <summary>Stages not submitted because they cannot run here (key → why): their data set cannot be had, or an input is skipped.</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; init; } = new Dictionary<string, string>();

    /// <summary>Stages whose job was already queued or running (not submitted again).</summary>
    public int Reused => Jobs.Count - Submitted.Count;
}
