using Reproduce.Harness.Logging;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Serilog;

namespace Reproduce.Harness.Runs;

/// <summary>
/// One run over a workspace: logging (console above the progress bars, JSON lines in artifacts/logs/), the progress
/// view, libtorch's thread count for the number of parallel jobs, and the executor. The CLI and the F# build each open one.
/// </summary>
public sealed class Session : IDisposable
{
    /// <summary>The workspace.</summary>
    public Workspace Workspace { get; }

    /// <summary>The executor (one per session, so a stage asked for twice runs once).</summary>
    public StageExecutor Executor { get; }

    /// <summary>Where running stages show progress (bars on a terminal).</summary>
    public IProgressSink Progress => view;

    /// <summary>The JSON-lines log of this session.</summary>
    public string LogFile { get; }

    private readonly ProgressView view;

    private Session(Workspace workspace)
    {
        Workspace = workspace;
        view = new ProgressView();
        LogFile = LogSetup.Configure(workspace.Root, view.Writer);
        Executor = workspace.Executor(view);
    }

    /// <summary>Opens the workspace and starts logging.</summary>
    public static Session Start(WorkspaceOptions options) => new(Workspace.Open(options));

    /// <summary>
    /// Runs one stage by id (its inputs must be done, or skipped); throws <see cref="StageFailedException"/> on failure.
    /// A stage skipped because its data set cannot be had here (or an input was skipped) logs why and returns.
    /// </summary>
    public void RunStage(string id)
    {
        var stage = Workspace.Graph.Stages.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"no planned stage '{id}'");
        try { Executor.RunAsync(stage).GetAwaiter().GetResult(); }
        catch (StageSkippedException e) when (stage.Kind != StageKinds.Data)
        {
            Log.Debug("{Stage}: {Reason}", stage.Id, e.Message);
        }
        catch (StageSkippedException) { }
    }

    /// <summary>Runs <paramref name="stages"/> and what they need; logs each failure and returns how many failed.</summary>
    public int RunAll(IEnumerable<Stage> stages)
    {
        var failures = Executor.RunAllAsync(stages).GetAwaiter().GetResult();
        foreach (var (stage, error) in failures)
            Log.Error("{Stage} failed: {Message}", stage.Id, error is StageFailedException ? error.Message : error.ToString());
        return failures.Count;
    }

    /// <summary>Stops the progress view and flushes the log.</summary>
    public void Dispose()
    {
        view.Dispose();
        Log.CloseAndFlush();
    }
}
