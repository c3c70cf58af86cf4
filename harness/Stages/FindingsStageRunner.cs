using System.Text.Json.Nodes;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The findings stage: judges F1-F11 and I1 (METHOD.md §8) on one experiment's stored results with the spec's
/// tolerances and writes <c>findings.json</c>; the manifest result counts the verdicts.
/// </summary>
public sealed class FindingsStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => StageKinds.Findings;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = context.Stage.Settings;
        var experiment = (string)s["experiment"]!;
        var findings = FindingsEvaluator.Evaluate(StoredInputs.Own(context), ReportPlanner.FindingsSpecOf(s), (string)s["family"]!, StoredInputs.Series(context));
        File.WriteAllText(Path.Combine(context.Folder, "findings.json"), FindingsJson.Write(experiment, findings) + "\n");
        foreach (var f in findings)
            context.Log.Information("{Stage}: {Id} {Verdict}: {Detail}", context.Stage.Id, f.Id, f.VerdictText, f.Detail);
        return Task.FromResult(new StageOutcome(["findings.json"], new JsonObject
        {
            ["experiment"] = experiment,
            ["holds"] = findings.Count(f => f.Verdict == Verdict.Holds),
            ["fails"] = findings.Count(f => f.Verdict == Verdict.Fails),
            ["not_measured"] = findings.Count(f => f.Verdict == Verdict.NotMeasured),
        }));
    }
}
