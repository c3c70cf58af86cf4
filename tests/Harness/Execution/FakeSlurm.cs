using Reproduce.Harness.Execution.Slurm;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>A Slurm that records submissions and lists the jobs a test puts in its queue; nothing runs.</summary>
public sealed class FakeSlurm : ISlurmClient
{
    private int next = 100;

    /// <summary>The arguments of every sbatch, in order.</summary>
    public List<IReadOnlyList<string>> Submissions { get; } = [];

    /// <summary>What squeue lists; submitted jobs enter it as PENDING.</summary>
    public Dictionary<string, SlurmJob> Jobs { get; } = [];

    public string Submit(IReadOnlyList<string> arguments)
    {
        Submissions.Add(arguments);
        var id = (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = arguments.First(a => a.StartsWith("--job-name=", StringComparison.Ordinal))["--job-name=".Length..];
        Jobs[id] = new SlurmJob(id, name, "PENDING");
        return id;
    }

    public IReadOnlyDictionary<string, SlurmJob> Queue() => new Dictionary<string, SlurmJob>(Jobs);

    public SlurmJob? Show(string id) => Jobs.GetValueOrDefault(id);

    public void Cancel(string id) => Jobs[id] = Jobs[id] with { State = "CANCELLED" };

    public bool Responds(out string why)
    {
        why = "";
        return true;
    }
}
