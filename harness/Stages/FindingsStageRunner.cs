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
        var s = FindingsStageSettings.FromJson(context.Stage.Settings);
        var findings = FindingsEvaluator.Evaluate(StoredInputs.Own(context), s.Findings, s.Family, s.Arch, StoredInputs.Series(context));
        File.WriteAllText(Path.Combine(context.Folder, "findings.json"), FindingsJson.Write(s.Experiment, findings) + "\n");
        foreach (var f in findings)
            context.Log.Information("{Stage}: {Id} {Verdict}: {Why}", context.Stage.Id, f.Id, f.VerdictText, f.Explanation.Length > 0 ? f.Explanation : f.Detail);
        var result = new JsonObject { ["experiment"] = s.Experiment };
        foreach (var v in Verdicts.All) result[Verdicts.Text(v).Replace(' ', '_')] = findings.Count(f => f.Verdict == v);
        return Task.FromResult(new StageOutcome(["findings.json"], result));
    }
}
