namespace Reproduce.Harness.Execution.Workers;

/// <summary>How a worker process ended.</summary>
/// <param name="ExitCode">Its exit code; 128 + N when signal N killed it.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="Skipped">Why its stage was skipped, when it said so; else null.</param>
/// <param name="Failed">Its stage's error, when it reported one; else null (it crashed, was killed, or never started the stage).</param>
/// <param name="LogPath">Its log (<c>&lt;stage folder&gt;/worker/worker.log</c>): everything it wrote, standard output and error.</param>
public sealed record WorkerExit(int ExitCode, int ProcessId, string? Skipped, string? Failed, string LogPath)
{
    /// <summary>The exit in words: "exited with code 2", "was killed by signal 9 (SIGKILL: …)".</summary>
    public string Describe() => ExitCode is > 128 and < 160
        ? $"was killed by signal {ExitCode - 128}{Signal(ExitCode - 128)}"
        : $"exited with code {ExitCode}";

    private static string Signal(int n) => n switch
    {
        9 => " (SIGKILL: out of memory, or killed)",
        6 => " (SIGABRT: a native check failed or .NET aborted)",
        11 => " (SIGSEGV: invalid memory access)",
        15 => " (SIGTERM)",
        2 => " (SIGINT)",
        7 => " (SIGBUS)",
        _ => "",
    };
}
