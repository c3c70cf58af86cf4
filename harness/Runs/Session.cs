using Reproduce.Harness.Execution;
using Reproduce.Harness.Execution.Workers;
using Reproduce.Harness.Logging;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Serilog;

namespace Reproduce.Harness.Runs;

/// <summary>
/// One run over a workspace: logging (console above the progress bars, JSON lines in artifacts/logs/), the progress
/// view, what is skipped and why, and the executor that runs the stages (<c>--executor</c>: worker processes by default).
/// The CLI and the F# build each open one; a worker process opens one that logs and reports to its parent.
/// </summary>
public sealed class Session : IDisposable
{
    /// <summary>The workspace.</summary>
    public Workspace Workspace { get; }

    /// <summary>The in-process executor (one per session, so a stage asked for twice runs once); a worker runs its stage with it.</summary>
    public StageExecutor Executor { get; }

    /// <summary>How this session runs its stages.</summary>
    public ExecutionOptions Execution { get; }

    /// <summary>What this session skips and why (every executor writes it; the report reads it).</summary>
    public SkipLedger Skips { get; } = new();

    /// <summary>Decides which data sets can be had before stages run (shared by the executors, with <see cref="Skips"/>).</summary>
    public DataAvailability Availability { get; }

    /// <summary>Where running stages show progress (bars on a terminal; the parent's bars in a worker).</summary>
    public IProgressSink Progress { get; }

    /// <summary>The JSON-lines log of this session (in a worker: the parent's, written through it; empty here).</summary>
    public string LogFile { get; }

    private readonly ProgressView? view;
    private readonly Lazy<IExecutor> runner;

    private Session(Workspace workspace, ExecutionOptions execution, WorkerChannel? parent)
    {
        Workspace = workspace;
        Execution = execution;
        if (parent is null)
        {
            view = new ProgressView();
            Progress = view;
            LogFile = LogSetup.Configure(workspace.Root, view.Writer);
        }
        else
        {
            Progress = parent;
            LogSetup.ConfigureWorker(parent);
            LogFile = "";
        }
        Executor = workspace.Executor(Progress, Skips, lockedByCaller: parent is not null);
        Availability = new DataAvailability(workspace.Cache, workspace.DataDirectory, Skips);
        runner = new Lazy<IExecutor>(() => Executors.Create(this, execution));
    }

    /// <summary>Opens the workspace and starts logging; stages run with <paramref name="execution"/> (default: worker processes).</summary>
    public static Session Start(WorkspaceOptions options, ExecutionOptions? execution = null) =>
        new(Workspace.Open(options), execution ?? new ExecutionOptions(), null);

    /// <summary>Opens the workspace in a worker process: logs and progress go to <paramref name="parent"/>; the parent holds the stage locks.</summary>
    public static Session StartWorker(WorkspaceOptions options, WorkerChannel parent) =>
        new(Workspace.Open(options), ExecutionOptions.InProcessOnly, parent);

    /// <summary>The executor chosen by <see cref="Execution"/> (created on first use).</summary>
    public IExecutor Runner => runner.Value;

    /// <summary>
    /// Runs one stage by id in this process (its inputs must be done, or skipped); throws <see cref="StageFailedException"/>
    /// on failure. Returns null when it is done, or why it was skipped (its data set cannot be had here, or an input was skipped).
    /// </summary>
    public string? RunStage(string id)
    {
        var stage = Workspace.Graph.Stages.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"no planned stage '{id}'");
        try
        {
            Executor.RunAsync(stage).GetAwaiter().GetResult();
            return null;
        }
        catch (StageSkippedException e)
        {
            if (stage.Kind != StageKinds.Data) Log.Debug("{Stage}: {Reason}", stage.Id, e.Message);
            return e.Message;
        }
    }

    /// <summary>Runs <paramref name="stages"/> and what they need with the session's executor; returns what happened (logs nothing more).</summary>
    public ExecutionReport Execute(IEnumerable<Stage> stages) => Runner.ExecuteAsync(stages.ToList()).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="stages"/> and what they need, logs the closing summary and returns how many failed or could not run.</summary>
    public int RunAll(IEnumerable<Stage> stages)
    {
        var report = Execute(stages);
        RunSummary.Write(report, LogFile);
        return report.Failures.Count;
    }

    /// <summary>
    /// Runs the stage <paramref name="id"/> and what it needs (a build target); throws <see cref="StageFailedException"/>
    /// naming the failures when it did not finish. A skipped stage logs why and returns.
    /// </summary>
    public void RunTarget(string id)
    {
        var stage = Workspace.Graph.Stages.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"no planned stage '{id}'");
        var report = Execute([stage]);
        if (report.Failures.Count > 0)
            throw new StageFailedException(string.Join("\n", (report.RootFailures.Count > 0 ? report.RootFailures : report.Failures).Select(f => f.Message)));
        if (report.Skipped.TryGetValue(stage.Key, out var why)) Log.Information("{Stage}: skipped, {Reason}", stage.Id, why);
    }

    /// <summary>Stops the progress view and flushes the log.</summary>
    public void Dispose()
    {
        view?.Dispose();
        Log.CloseAndFlush();
    }
}
