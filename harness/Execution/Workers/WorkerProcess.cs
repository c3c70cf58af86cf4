using System.Diagnostics;
using System.Globalization;
using System.Text;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// One worker process (<c>reproduce stage serve</c>, <see cref="WorkerLoop"/>) and the stages it runs, one at a time. While a
/// stage runs, every line the worker writes (standard output and error) goes to that stage's log file; its log events go to
/// this process's log (console and JSON lines) as if logged here, with its process id; its progress moves the stage's bar.
/// The stage ends when the worker reports its end, or when the worker's process ends first (it crashed, was killed, ran out
/// of memory): then that stage alone has no result. Lines written between stages go to this process's log only.
/// </summary>
public sealed class WorkerProcess
{
    private static readonly MessageTemplateTextFormatter Lines = new("{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly StreamWriter input;
    private readonly ILogger logger;
    private readonly Task<int> ended;
    private readonly object gate = new();
    private Running? current;

    private WorkerProcess(Process process)
    {
        this.process = process;
        Id = process.Id;
        input = process.StandardInput;
        logger = Log.ForContext("Worker", Id);
        var stdout = Pump(process.StandardOutput, false);
        var stderr = Pump(process.StandardError, true);
        ended = Ended(stdout, stderr);
    }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <summary>Stages it was asked to run.</summary>
    public int Stages { get; private set; }

    /// <summary>Its resident memory after its last stage (bytes, as it reported), 0 before.</summary>
    public long WorkingSet { get; private set; }

    /// <summary>True once its process has ended (and everything it wrote was read).</summary>
    public bool HasEnded => ended.IsCompleted;

    /// <summary>Starts <paramref name="dotnet"/> <paramref name="arguments"/> in <paramref name="workDir"/> with the extra <paramref name="environment"/>.</summary>
    public static WorkerProcess Start(string dotnet, IReadOnlyList<string> arguments, string workDir, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(dotnet, arguments)
        {
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        return new WorkerProcess(Process.Start(psi) ?? throw new InvalidOperationException($"could not start {dotnet}"));
    }

    /// <summary>
    /// Asks the worker to run <paramref name="stage"/>, logging to <paramref name="logPath"/> (replaced) and reporting to
    /// <paramref name="progress"/>, and waits for the stage's end. Cancelling kills the worker.
    /// </summary>
    public async Task<WorkerOutcome> RunAsync(Stage stage, string logPath, IStageProgress progress, CancellationToken cancel)
    {
        using var running = new Running(logPath, progress);
        Stages++;
        // A reused worker: its earlier stages are in their own logs; this says where to look.
        running.Write($"{DateTime.Now:HH:mm:ss} INF worker {Id}: stage {Stages} of this process\n");
        lock (gate) current = running;
        try
        {
            try
            {
                await input.WriteLineAsync(WorkerProtocol.Request(stage.Kind, stage.Key).AsMemory(), cancel);
                await input.FlushAsync(cancel);
            }
            catch (IOException)
            {
                // Its process has ended: how is its outcome.
            }
            await Task.WhenAny(running.Report.Task, ended).WaitAsync(cancel);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        finally
        {
            lock (gate) current = null;
        }
        // The end of the process is known once all it wrote was read: a report written just before it died still counts.
        if (running.Report.Task.IsCompleted)
        {
            var report = running.Report.Task.Result;
            if (report.Kind == WorkerMessageKind.Done) WorkingSet = report.WorkingSet;
            return new WorkerOutcome(Id, logPath, report, null);
        }
        return new WorkerOutcome(Id, logPath, null, ended.Result);
    }

    /// <summary>
    /// Ends the worker: closes its standard input (an idle worker then exits), waits up to 10 s for it to end, then kills it.
    /// </summary>
    public async Task CloseAsync()
    {
        try { input.Dispose(); }
        catch (IOException) { /* it has ended */ }
        try { await ended.WaitAsync(Grace); }
        catch (TimeoutException)
        {
            logger.Warning("worker {Worker} did not end within {Seconds} s of its input closing; killing it", Id, Grace.TotalSeconds);
            Kill();
            await ended;
        }
        process.Dispose();
    }

    private void Kill()
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already ended */ }
    }

    private async Task<int> Ended(Task stdout, Task stderr)
    {
        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);
        return process.ExitCode;
    }

    /// <summary>
    /// Reads <paramref name="reader"/> to its end on a thread of its own, with blocking reads: a stage's hundreds of lines
    /// read asynchronously woke the thread pool for each, whose threads then spun (sched_yield) for more work, about a
    /// quarter of this process's CPU time in a run of small stages (perf).
    /// </summary>
    private Task Pump(StreamReader reader, bool stderr) => Task.Factory.StartNew(() =>
    {
        while (reader.ReadLine() is { } line) Take(line, stderr);
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Take(string line, bool stderr)
    {
        var m = WorkerProtocol.Parse(line);
        Running? running;
        lock (gate) running = current;
        switch (m.Kind)
        {
            case WorkerMessageKind.Log:
                logger.Write(m.Event!);
                if (running is null) break;
                var text = new StringWriter();
                Lines.Format(m.Event!, text);
                running.Write(text.ToString());
                break;
            case WorkerMessageKind.Progress:
                running?.Advance(m.Fraction, m.Text);
                break;
            case WorkerMessageKind.Done or WorkerMessageKind.Skipped or WorkerMessageKind.Failed:
                if (running is null || !running.Report.TrySetResult(m))
                    logger.Warning("worker {Worker}: a stage's end with no stage running: {Line}", Id, line);
                break;
            default:
                running?.Write(line + "\n");
                logger.Write(stderr ? LogEventLevel.Warning : LogEventLevel.Information, "worker {Worker}: {Line}", Id, line);
                break;
        }
    }

    /// <summary>The stage a worker runs: its log and its bar (both left alone once it has ended) and its reported end.</summary>
    private sealed class Running : IDisposable
    {
        private readonly StreamWriter log;
        private readonly IStageProgress progress;
        private bool closed;

        public Running(string logPath, IStageProgress progress)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            log = new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { AutoFlush = true };
            this.progress = progress;
        }

        public TaskCompletionSource<WorkerMessage> Report { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Write(string text)
        {
            lock (log)
                if (!closed) log.Write(text);
        }

        public void Advance(double fraction, string status)
        {
            lock (log)
                if (!closed) progress.Report(fraction, status);
        }

        public void Dispose()
        {
            lock (log)
            {
                closed = true;
                log.Dispose();
            }
        }
    }
}
