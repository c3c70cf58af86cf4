using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Execution;

/// <summary>A stage that did not finish, with what went wrong in words (for a cluster job: its state and its log's last lines).</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Message">What happened, e.g. "job 12 FAILED (exit 1); last lines of …/slurm-12.log: …".</param>
/// <param name="Root">True when the stage itself failed; false when it did not run because an input stage failed.</param>
public sealed record StageFailure(Stage Stage, string Message, bool Root = true);
