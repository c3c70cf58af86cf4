namespace Reproduce.Harness.Execution;

/// <summary>What an executor did with the stages it was given.</summary>
/// <param name="Stages">Stages asked for, with what they need.</param>
/// <param name="Failures">Stages that failed or were not run because an input failed; empty when all are done.</param>
/// <param name="Submitted">Cluster jobs submitted by this call (0 for the local executors).</param>
/// <param name="Pending">Stages left running or queued when the executor returned (detached); 0 when it waited.</param>
public sealed record ExecutionReport(int Stages, IReadOnlyList<StageFailure> Failures, int Submitted = 0, int Pending = 0)
{
    /// <summary>Stages of this call that were skipped (key → why): their data set cannot be had here, or an input was skipped. No failures.</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; init; } = new Dictionary<string, string>();

    /// <summary>Stages that failed themselves (the causes), in the order they were found.</summary>
    public IReadOnlyList<StageFailure> RootFailures => Failures.Where(f => f.Root).ToList();

    /// <summary>Stages not run because an input stage failed.</summary>
    public int NotRun => Failures.Count(f => !f.Root);

    /// <summary>Stages done (computed or cached): the rest of <see cref="Stages"/>.</summary>
    public int Done => Stages - Failures.Count - Pending - Skipped.Count;
}
