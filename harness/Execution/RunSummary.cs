using Serilog;

namespace Reproduce.Harness.Execution;

/// <summary>
/// The closing lines of a run: each stage that failed by itself with its error first, then how many stages could not
/// run because of them (a count, not one line each: the JSON log lists them), then what was skipped and why (one line
/// per reason), then the totals.
/// </summary>
public static class RunSummary
{
    /// <summary>Logs the summary of <paramref name="report"/>; <paramref name="logFile"/> is named in the last line.</summary>
    public static void Write(ExecutionReport report, string logFile)
    {
        foreach (var f in report.RootFailures) Log.Error("{Stage} failed: {Message}", f.Stage.Id, f.Message);
        if (report.NotRun > 0)
        {
            foreach (var f in report.Failures.Where(f => !f.Root)) Log.Debug("{Stage}: not run, an input stage failed", f.Stage.Id);
            Log.Error("{NotRun} stage(s) that need {What} could not run", report.NotRun,
                report.RootFailures.Count == 1 ? "it" : "them");
        }
        foreach (var group in report.Skipped.GroupBy(s => s.Value).OrderByDescending(g => g.Count()))
            Log.Warning("{Count} stage(s) skipped: {Reason}", group.Count(), group.Key);
        Log.Information("{Done} stage(s) done, {Skipped} skipped, {Failed} failed, {NotRun} could not run{Pending}; log: {Log}",
            report.Done, report.Skipped.Count, report.RootFailures.Count, report.NotRun,
            report.Pending > 0 ? $", {report.Pending} queued or running" : "", logFile);
    }

    /// <summary>One line for a build's failure: the failed stages by name (the first few) and the count that could not run.</summary>
    public static string Headline(ExecutionReport report)
    {
        const int named = 5;
        var roots = report.RootFailures.Select(f => f.Stage.Id).ToList();
        var names = string.Join(", ", roots.Take(named)) + (roots.Count > named ? $", … ({roots.Count} in all)" : "");
        return $"{roots.Count} stage(s) failed ({names})" + (report.NotRun > 0 ? $" and {report.NotRun} could not run" : "")
               + "; each failure is above and in artifacts/logs/";
    }
}
