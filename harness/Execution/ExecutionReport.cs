namespace Reproduce.Harness.Execution;

/// <summary>What an executor did with the stages it was given.</summary>
/// <param name="Stages">Stages asked for, with what they need.</param>
/// <param name="Failures">Stages that failed or were not run because an input failed; empty when all are done.</param>
/// <param name="Submitted">Cluster jobs submitted by this call (0 for the local executor).</param>
/// <param name="Pending">Stages left running or queued when the executor returned (detached); 0 when it waited.</param>
public sealed record ExecutionReport(int Stages, IReadOnlyList<StageFailure> Failures, int Submitted = 0, int Pending = 0);
