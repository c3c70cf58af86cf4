using System.Diagnostics;
using System.Globalization;
using System.Text;
using Reproduce.Harness.Stages;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// Starts one worker process and follows it to its end: every line it writes (standard output and error) goes to its log
/// file; its log events go to this process's log (console and JSON lines) as if logged here, with its process id; its
/// progress moves the stage's bar. Cancelling kills it.
/// </summary>
public static class WorkerProcess
{
    private static readonly MessageTemplateTextFormatter Lines = new("{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <paramref name="dotnet"/> with <paramref name="arguments"/> in <paramref name="workDir"/> with the extra
    /// <paramref name="environment"/>, logging to <paramref name="logPath"/> (replaced) and reporting to <paramref name="progress"/>.
    /// </summary>
    public static async Task<WorkerExit> RunAsync(string dotnet, IReadOnlyList<string> arguments, string workDir,
        IReadOnlyDictionary<string, string> environment, string logPath, IStageProgress progress, CancellationToken cancel)
    {
        var psi = new ProcessStartInfo(dotnet, arguments)
        {
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        await using var log = new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {dotnet}");
        var pid = process.Id;
        var logger = Log.ForContext("Worker", pid);
        string? skipped = null, failed = null;

        void Take(string line, bool stderr)
        {
            var m = WorkerProtocol.Parse(line);
            switch (m.Kind)
            {
                case WorkerMessageKind.Log:
                    logger.Write(m.Event!);
                    var text = new StringWriter();
                    Lines.Format(m.Event!, text);
                    lock (log) log.Write(text.ToString());
                    break;
                case WorkerMessageKind.Progress:
                    progress.Report(m.Fraction, m.Text);
                    break;
                case WorkerMessageKind.Skipped:
                    skipped = m.Text;
                    break;
                case WorkerMessageKind.Failed:
                    failed = m.Text;
                    break;
                default:
                    lock (log) log.WriteLine(line);
                    logger.Write(stderr ? LogEventLevel.Warning : LogEventLevel.Information, "worker {Worker}: {Line}", pid, line);
                    break;
            }
        }

        // The worker ends itself when this pipe closes, i.e. when this process dies.
        var input = process.StandardInput;
        var stdout = Pump(process.StandardOutput, l => Take(l, false));
        var stderr = Pump(process.StandardError, l => Take(l, true));
        try
        {
            await process.WaitForExitAsync(cancel);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        finally
        {
            input.Dispose();
        }
        await Task.WhenAll(stdout, stderr);
        return new WorkerExit(process.ExitCode, pid, skipped, failed, logPath);
    }

    private static async Task Pump(StreamReader reader, Action<string> take)
    {
        while (await reader.ReadLineAsync() is { } line) take(line);
    }
}
