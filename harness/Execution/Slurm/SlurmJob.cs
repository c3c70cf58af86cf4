namespace Reproduce.Harness.Execution.Slurm;

/// <summary>A job as Slurm reports it.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Name">Job name (the stage id for our jobs).</param>
/// <param name="State">Slurm's state in capitals: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, …</param>
/// <param name="Reason">Why it waits or ended (Dependency, NonZeroExitCode, DependencyNeverSatisfied, …); "" when none.</param>
/// <param name="ExitCode">Exit code and signal as Slurm writes it (e.g. <c>1:0</c>); "" when unknown.</param>
public sealed record SlurmJob(string Id, string Name, string State, string Reason = "", string ExitCode = "")
{
    private static readonly HashSet<string> Ended = new(StringComparer.Ordinal)
    {
        "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE",
        "OUT_OF_MEMORY", "SPECIAL_EXIT", "REVOKED",
    };

    /// <summary>True while the job may still run: queued, running, completing, suspended, requeued.</summary>
    public bool Active => !Ended.Contains(State);
}
