using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Report;
using Reproduce.Harness.Runs;

namespace Reproduce.Harness.Cli;

/// <summary>
/// <c>reproduce report [--profile P] [--spec S] [--out DIR]</c>: draws the figures and judges the findings whose stored
/// inputs are finished (plot and findings stages read only stored results), then writes <c>artifacts/report/index.html</c>
/// and <c>REPORT.md</c> from the cache alone. Trains and probes nothing.
/// </summary>
public static class ReportCommand
{
    /// <summary>Options of the command.</summary>
    public static readonly string[] Valued = [.. Commands.Valued, "out"];

    /// <summary>Runs the command from parsed arguments.</summary>
    public static int Run(CliArguments a) => Build(Commands.Options(a), a.Value("out"));

    /// <summary>Builds the report of the workspace opened with <paramref name="options"/>; 0 when every runnable plot and findings stage succeeded.</summary>
    public static int Build(WorkspaceOptions options, string? outDir)
    {
        using var session = Session.Start(options);
        return Build(session, outDir);
    }

    /// <summary>
    /// As <see cref="Build(WorkspaceOptions, string?)"/>, in a session that is already open. At the end of a run, whose
    /// plot and findings stages have all been tried, <paramref name="runStages"/> is false: the report is only written.
    /// </summary>
    public static int Build(Session session, string? outDir, bool runStages = true)
    {
        var ws = session.Workspace;
        bool Done(Stage s) => ws.Cache.Inspect(s, out _) == StageState.Done;
        var runnable = !runStages ? [] : ws.Graph.Stages
            .Where(s => s.Kind is StageKinds.Plot or StageKinds.Findings && !Done(s) && s.Inputs.All(k => Done(ws.Graph[k])))
            .ToList();
        var failed = runnable.Count == 0 ? 0 : session.RunAll(runnable);
        var dir = Path.GetFullPath(outDir ?? Path.Combine(ws.Root, "artifacts", "report"));
        var report = ReportBuilder.Collect(ws.Root, ws.Options.Profile ?? "base", ws.Specs, ws.Graph, ws.Cache, dir, session.Skips.Stages);
        var (html, md) = ReportBuilder.Write(report, dir);
        var waiting = ws.Graph.Stages.Count(s => s.Kind is StageKinds.Plot or StageKinds.Findings && !Done(s));
        Serilog.Log.Information("report: {Html} and {Markdown} ({Experiments} experiment(s); {Waiting} plot/findings stage(s) wait for results not in the cache)",
            html, md, report.Experiments.Count, waiting);
        return failed == 0 ? 0 : 1;
    }
}
