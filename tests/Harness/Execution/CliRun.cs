using System.Diagnostics;
using System.Text;
using Reproduce.Harness.Execution.Slurm;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// The built CLI run as its own process, as a user runs it (the copy beside the tests, which the local executor's
/// workers also run): the whole output is kept, and the process can lead its own process group, so that a test can
/// SIGKILL the run and its workers at once.
/// </summary>
public sealed class CliRun : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private CliRun(Process process) => this.process = process;

    /// <summary>The process id, also the id of its process group.</summary>
    public int Id => process.Id;

    /// <summary>Everything it wrote so far, standard output and error, in order.</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>
    /// Starts <c>reproduce ARGS</c> in a new session and process group (<c>setsid</c>); <paramref name="environment"/> is
    /// added to this process's. Standard input stays open, as a terminal's would.
    /// </summary>
    public static CliRun Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cli = StageCommand.LocateForWorkers();
        var psi = new ProcessStartInfo("setsid", [cli.Dotnet, cli.Cli, .. args])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        // The console must not be taken for a terminal: no bars, plain lines.
        psi.Environment["CI"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var run = new CliRun(Process.Start(psi)!);
        run.process.OutputDataReceived += (_, e) => run.Append(e.Data);
        run.process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Runs <c>reproduce ARGS</c> to its end and returns its exit code and output.</summary>
    public static (int Exit, string Output) Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        using var run = Start(args, environment);
        return (run.Wait(timeout ?? TimeSpan.FromMinutes(10)), run.Output);
    }

    /// <summary>Waits for the end; returns the exit code. Fails (and kills the group) after <paramref name="timeout"/>.</summary>
    public int Wait(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            KillGroup();
            throw new TimeoutException($"reproduce did not end within {timeout}; its output:\n{Output}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>True once the process has ended.</summary>
    public bool Exited => process.HasExited;

    /// <summary>SIGKILLs its whole process group: the run and every worker it started.</summary>
    public void KillGroup()
    {
        using var kill = Process.Start("kill", ["-KILL", "--", $"-{process.Id}"]);
        kill.WaitForExit();
        process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.Append(line).Append('\n');
    }

    public void Dispose()
    {
        if (!process.HasExited) KillGroup();
        process.Dispose();
    }
}
