using Reproduce.Harness.Execution.Slurm;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>Submits held jobs (<c>sbatch --hold</c>) while <see cref="Hold"/> is set, so a test sees them queued for as long as it needs.</summary>
public sealed class HoldingSlurm(ISlurmClient inner) : ISlurmClient
{
    public bool Hold { get; set; }

    public string Submit(IReadOnlyList<string> arguments) => inner.Submit(Hold ? ["--hold", .. arguments] : arguments);

    public IReadOnlyDictionary<string, SlurmJob> Queue() => inner.Queue();

    public SlurmJob? Show(string id) => inner.Show(id);

    public void Cancel(string id) => inner.Cancel(id);

    public bool Responds(out string why) => inner.Responds(out why);
}
