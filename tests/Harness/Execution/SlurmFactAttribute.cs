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

    /// <summary>Also skip unless MNIST is stored in the repository's data folder (a test of the real smoke profile never downloads).</summary>
    public bool NeedsStoredMnist
    {
        get => false;
        set
        {
            if (value && Skip is null && !File.Exists(Path.Combine(StoredData, "mnist", Reproduce.Harness.Data.StoredData.SumsFile)))
                Skip = $"MNIST is not stored in {StoredData}; `./build.sh Data --profile smoke` stores it (REPRODUCE_DATA moves it).";
        }
    }

    /// <summary>The repository's data folder ($REPRODUCE_DATA, else artifacts/data).</summary>
    public static string StoredData => Reproduce.Harness.Data.DataCache.Resolve(RepoRoot.Find());
}
