using System.Globalization;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Execution.Slurm;

/// <summary>The <c>sbatch</c> options of one stage's job: its name, its log, its dependencies and its resources.</summary>
public static class SbatchArguments
{
    /// <summary>
    /// Options for a job named after <paramref name="stage"/> that logs to <paramref name="logPattern"/> (with <c>%j</c>),
    /// starts after every job of <paramref name="after"/> succeeded (and is cancelled when one fails), asks for
    /// <paramref name="resources"/> and runs <paramref name="command"/> in <paramref name="workDir"/>.
    /// </summary>
    public static IReadOnlyList<string> For(Stage stage, ResourceSpec resources, IReadOnlyCollection<string> after, string logPattern,
        string workDir, string command)
    {
        var args = new List<string>
        {
            $"--job-name={stage.Id}",
            $"--output={logPattern}",
            $"--chdir={workDir}",
        };
        if (after.Count > 0)
        {
            args.Add($"--dependency=afterok:{string.Join(':', after)}");
            // Without it, a job whose input failed would wait forever (DependencyNeverSatisfied).
            args.Add("--kill-on-invalid-dep=yes");
        }
        if (resources.Cpus > 0) args.Add($"--cpus-per-task={resources.Cpus.ToString(CultureInfo.InvariantCulture)}");
        if (resources.Memory.Length > 0) args.Add($"--mem={resources.Memory}");
        if (resources.Gpus > 0) args.Add($"--gpus={resources.Gpus.ToString(CultureInfo.InvariantCulture)}");
        if (resources.Time.Length > 0) args.Add($"--time={resources.Time}");
        if (resources.Partition.Length > 0) args.Add($"--partition={resources.Partition}");
        if (resources.Account.Length > 0) args.Add($"--account={resources.Account}");
        args.AddRange(resources.Sbatch);
        args.Add($"--wrap={command}");
        return args;
    }
}
