using System.Diagnostics;
using Reproduce.Harness.Data;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Runs;

namespace Reproduce.Bench;

/// <summary>
/// Wall time and peak memory of the smoke profile (every shipped spec; --quick: one HMM spec) from an empty cache, run as
/// a user runs it (<c>reproduce run --profile smoke</c>: worker processes, then the report), with <c>--jobs 1</c>,
/// <c>--jobs 2</c> and the defaults. Each run gets a temporary copy of the repository's specs with its own cache; the data
/// folder is shared. Peak memory is the largest sum of the resident sizes of the run and its workers, sampled every 0.2 s.
/// Goal: every run ends with exit 0 (no stage failed).
/// </summary>
public sealed class SmokeJobsBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "jobs-smoke-wall-time";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        var repo = Workspace.FindRoot(AppContext.BaseDirectory);
        var specs = context.Quick ? [Path.Combine(repo, "specs", "hmm-perceptron-n200.yaml")] : Directory.GetFiles(Path.Combine(repo, "specs"), "*.yaml");
        var defaults = new WorkspaceOptions();
        (string Label, string[] Args)[] configs =
        [
            ($"--jobs 1 ({ThreadsOf(1)} threads each)", ["--jobs", "1"]),
            ($"--jobs 2 ({ThreadsOf(2)} thread(s) each)", ["--jobs", "2"]),
            ($"defaults (--jobs {defaults.JobCount}, {defaults.ThreadsPerJob} thread(s) each here)", []),
        ];
        foreach (var (label, args) in configs)
        {
            var (seconds, peakMb, exit) = Smoke(specs, args, context.DataDirectory);
            var what = context.Quick ? "hmm-perceptron-n200 smoke" : "smoke profile";
            yield return new BenchRow($"{what} from an empty cache, {label}", seconds, "s", "exit 0", exit == 0);
            yield return new BenchRow($"{what}, {label}: peak memory (run + workers)", peakMb, "MB");
        }
    }

    private static int ThreadsOf(int jobs) => new WorkspaceOptions(Jobs: jobs).ThreadsPerJob;

    /// <summary>Runs the smoke profile of <paramref name="specs"/> in a fresh root; returns wall seconds, peak MB and the exit code.</summary>
    private static (double Seconds, double PeakMb, int Exit) Smoke(IEnumerable<string> specs, string[] args, string dataDir)
    {
        var root = Path.Combine(Path.GetTempPath(), "reproduce-bench-jobs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "specs"));
        File.WriteAllText(Path.Combine(root, "Reproduce.sln"), "");
        foreach (var spec in specs) File.Copy(spec, Path.Combine(root, "specs", Path.GetFileName(spec)));
        try
        {
            var cli = StageCommand.LocateForWorkers();
            var log = Path.Combine(root, "run.log");
            // setsid: the run leads its own process group, whose members (its workers) the memory sampler sums.
            var psi = new ProcessStartInfo("setsid", [cli.Dotnet, cli.Cli, "run", "--root", root, "--profile", "smoke", .. args])
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            psi.Environment[DataCache.EnvironmentVariable] = Path.GetFullPath(dataDir);
            psi.Environment["CI"] = "1";
            var clock = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var errors = p.StandardError.ReadToEndAsync();
            var peak = 0L;
            while (!p.WaitForExit(200)) peak = Math.Max(peak, GroupResidentBytes(p.Id));
            var seconds = clock.Elapsed.TotalSeconds;
            File.WriteAllText(log, output.Result + errors.Result);
            if (p.ExitCode != 0) Console.Error.WriteLine($"  run failed (exit {p.ExitCode}); its last lines:\n{string.Join('\n', File.ReadAllLines(log).TakeLast(15))}");
            return (seconds, peak / 1e6, p.ExitCode);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    /// <summary>The summed resident memory of the processes of group <paramref name="group"/>, from /proc.</summary>
    private static long GroupResidentBytes(int group)
    {
        var total = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2] != group.ToString(System.Globalization.CultureInfo.InvariantCulture)) continue;
                var rss = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (rss is not null) total += long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return total;
    }
}
