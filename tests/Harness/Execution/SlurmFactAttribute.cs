using Reproduce.Harness.Execution.Slurm;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// A fact that runs only where a Slurm controller answers (sbatch on PATH, sinfo succeeds); elsewhere it is skipped with
/// a message saying how to get one: <c>.ci/slurm/setup</c>, as root, installs and starts a one-node Slurm.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() =>
        new SlurmCommands(TimeSpan.FromSeconds(10)).Responds(out var why) ? null : why);

    public SlurmFactAttribute()
    {
        if (Missing.Value is { } why)
            Skip = $"no Slurm here ({why}); run .ci/slurm/setup as root to start a one-node Slurm, as .ci/run does.";
    }
}
