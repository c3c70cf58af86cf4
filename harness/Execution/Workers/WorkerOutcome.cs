namespace Reproduce.Harness.Execution.Workers;

/// <summary>How one stage ended in a worker: the end the worker reported, or how its process ended before it reported one.</summary>
/// <param name="ProcessId">The worker's process id.</param>
/// <param name="LogPath">The stage's log (<c>&lt;stage folder&gt;/worker/worker.log</c>): everything the worker wrote while it
/// ran the stage, standard output and error.</param>
/// <param name="Report">The worker's report: <see cref="WorkerMessageKind.Done"/>, <see cref="WorkerMessageKind.Skipped"/> (the
/// text says why) or <see cref="WorkerMessageKind.Failed"/> (the text is the error); null when its process ended first.</param>
/// <param name="ExitCode">When the process ended without a report (it crashed, was killed, or could not start the stage):
/// its exit code, 128 + N when signal N killed it; else null.</param>
public sealed record WorkerOutcome(int ProcessId, string LogPath, WorkerMessage? Report, int? ExitCode)
{
    /// <summary>The process's end in words: "exited with code 2", "was killed by signal 9 (SIGKILL: …)".</summary>
    public string Describe() => ExitCode is int code && code is > 128 and < 160
        ? $"was killed by signal {code - 128}{Signal(code - 128)}"
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
