using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The path stage (METHOD.md §4): train and test error at evenly spaced points of one path kind between a pair of
/// solutions (Hamming kinds: averaged over random flip orders). Writes <c>path.csv</c>; the manifest result holds the
/// barrier and the barrier above the straight line between the endpoint errors.
/// </summary>
public sealed class PathStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Path;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = PathStageSettings.FromJson(context.Stage.Settings);
        var arch = ProbeInputs.Architecture(context);
        var kind = s.PathKind;
        using var data = ProbeInputs.Data(context);
        using var scope = NewDisposeScope();
        var (a, b) = ProbeInputs.Endpoints(context, kind, arch);
        using var evaluator = ProbeInputs.Evaluator(context, arch, data);
        var curve = PathProbe.Evaluate(evaluator, kind, Layouts.For(arch), a, b, PathCurve.Uniform(s.Points), s.Orders ?? 1, s.Seed ?? 0,
            ProbeInputs.Progress(context, s.Kind));
        ProbeInputs.WritePathCsv(context, curve);
        var result = Summary(context.Stage.Settings, curve, evaluator);
        if (s.Orders is { } orders) result["orders"] = orders;
        context.Log.Information("{Stage}: barrier {Barrier:P2} ({Above:P2} above the line)", context.Stage.Id, curve.Barrier, curve.BarrierAboveLine);
        return Task.FromResult(new StageOutcome(["path.csv"], result));
    }

    /// <summary>
    /// The manifest result of a path: kind, a, b, pair_type, barrier, barrier_above_line, eval_train_samples,
    /// eval_test_samples, and for batch-norm nets bn_recomputed_points: how many evaluated points had their BN running
    /// statistics recomputed on the train samples (every point when <c>bn_recompute</c> is on).
    /// </summary>
    public static JsonObject Summary(JsonObject settings, PathCurve curve, NetworkEvaluator evaluator)
    {
        var summary = new JsonObject
        {
            ["kind"] = (string)settings["kind"]!,
            ["a"] = (string)settings["a"]!,
            ["b"] = (string)settings["b"]!,
            ["pair_type"] = (string)settings["pair_type"]!,
            ["barrier"] = curve.Barrier,
            ["barrier_above_line"] = curve.BarrierAboveLine,
            ["eval_train_samples"] = evaluator.Train.Count,
            ["eval_test_samples"] = evaluator.Test!.Count,
        };
        if (evaluator.HasBatchNorm) summary["bn_recomputed_points"] = evaluator.BatchNormRecomputations;
        return summary;
    }
}
