namespace Reproduce.Harness.Execution.Slurm;

/// <summary>The few Slurm commands the executor needs (sbatch, squeue, scontrol, scancel), behind a seam for tests.</summary>
public interface ISlurmClient
{
    /// <summary>Runs <c>sbatch --parsable ARGS</c> and returns the new job's id.</summary>
    string Submit(IReadOnlyList<string> arguments);

    /// <summary>Every job the controller lists now (squeue, all states), by id.</summary>
    IReadOnlyDictionary<string, SlurmJob> Queue();

    /// <summary>A job's record (scontrol show job), also shortly after it ended; null when Slurm no longer knows it.</summary>
    SlurmJob? Show(string id);

    /// <summary>Cancels a job (scancel).</summary>
    void Cancel(string id);

    /// <summary>True when the controller answers; otherwise <paramref name="why"/> says what failed.</summary>
    bool Responds(out string why);
}
