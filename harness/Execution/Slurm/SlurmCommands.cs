using System.Diagnostics;

namespace Reproduce.Harness.Execution.Slurm;

/// <summary>Slurm through its command-line tools on PATH (<c>sbatch</c>, <c>squeue</c>, <c>scontrol</c>, <c>scancel</c>).</summary>
/// <param name="timeout">How long one command may take before it counts as failed.</param>
public sealed class SlurmCommands(TimeSpan? timeout = null) : ISlurmClient
{
    private readonly TimeSpan timeout = timeout ?? TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public string Submit(IReadOnlyList<string> arguments)
    {
        var output = Run("sbatch", ["--parsable", .. arguments]).Trim();
        // --parsable prints "id" or "id;cluster".
        var id = output.Split(';')[0].Trim();
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id
            : throw new SlurmException($"sbatch printed no job id: '{output}'");
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, SlurmJob> Queue()
    {
        // Name last: it is the only field that could hold the separator.
        var output = Run("squeue", ["--noheader", "--all", "--states=all", "--format=%i|%T|%r|%j"]);
        var jobs = new Dictionary<string, SlurmJob>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('|', 4);
            if (f.Length == 4) jobs[f[0]] = new SlurmJob(f[0], f[3], f[1], f[2] == "None" ? "" : f[2]);
        }
        return jobs;
    }

    /// <inheritdoc />
    public SlurmJob? Show(string id)
    {
        string output;
        try { output = Run("scontrol", ["show", "job", "--oneliner", id]); }
        catch (SlurmException) { return null; }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = word.IndexOf('=');
            if (eq > 0) fields.TryAdd(word[..eq], word[(eq + 1)..]);
        }
        string F(string k) => fields.TryGetValue(k, out var v) && v != "None" && v != "(null)" ? v : "";
        return F("JobId").Length == 0 ? null : new SlurmJob(F("JobId"), F("JobName"), F("JobState"), F("Reason"), F("ExitCode"));
    }

    /// <inheritdoc />
    public void Cancel(string id) => Run("scancel", [id]);

    /// <inheritdoc />
    public bool Responds(out string why)
    {
        try
        {
            Run("sinfo", ["--noheader", "--format=%T"]);
            why = "";
            return true;
        }
        catch (SlurmException e)
        {
            why = e.Message;
            return false;
        }
    }

    private string Run(string program, IReadOnlyList<string> arguments)
    {
        var psi = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process? started;
        try { started = Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception e) { throw new SlurmException($"cannot run {program} ({e.Message}): is Slurm installed and on PATH?"); }
        using var p = started ?? throw new SlurmException($"could not start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new SlurmException($"{program} did not answer within {timeout.TotalSeconds:F0} s");
        }
        if (p.ExitCode != 0)
            throw new SlurmException($"{program} {string.Join(' ', arguments)} failed (exit {p.ExitCode}): {stderr.Result.Trim()}");
        return stdout.Result;
    }
}
