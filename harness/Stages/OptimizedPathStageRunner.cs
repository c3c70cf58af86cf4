using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The optimized-path stage (METHOD.md §4, paper Fig. 3, App. B): the midpoint of one path kind between a pair, trained with
/// the SGD-type solutions' own settings on the full train set until its train error reaches the threshold (checked several
/// times per epoch; never worse than M₀; binary nets: several independent midpoints), then A → M → B along the same kind.
/// Writes <c>path.csv</c> (M at t = 0.5, the mean over midpoints) and <c>midpoint.safetensors</c> (<c>midpoint{k}.safetensors</c>
/// for each further one). The manifest adds <c>midpoint_converged</c> (every midpoint reached its threshold: only then is the
/// path evidence), <c>midpoint_train_error</c>, <c>midpoint_start_train_error</c> (M₀), <c>midpoint_max_train_error</c>,
/// <c>midpoints</c>, <c>d_am</c>, <c>d_mb</c> (means) and each midpoint's record.
/// Inputs: data, train A, train B, align (A, B).
/// </summary>
public sealed class OptimizedPathStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.OptimizedPath;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = OptimizedPathStageSettings.FromJson(context.Stage.Settings);
        var arch = ProbeInputs.Architecture(context);
        var kind = s.Path.PathKind;
        var layout = Layouts.For(arch);
        using var data = ProbeInputs.Data(context);
        using var scope = NewDisposeScope();
        var (a, b) = ProbeInputs.Endpoints(context, kind, arch);
        // A geodesic midpoint trains at the scale of the raw endpoints (raw A and raw B aligned to A): the same function; a
        // hamming-aligned one starts from their latent weights (the same signs as the normalized endpoints').
        var (rawA, rawB) = !PathKinds.Normalized(kind) ? (null, null)
            : arch.IsBinary ? ProbeInputs.LatentOfNormalizedAlignment(context, arch)
            : ProbeInputs.Endpoints(context, Core.Probes.PathKind.LinearAligned, arch);
        using var evaluator = ProbeInputs.Evaluator(context, arch, data);
        var options = s.Midpoint.ToOptions();
        var result = OptimizedPath.Evaluate(evaluator, kind, layout, a, b, data.Value.Train, options, s.Path.Points, s.Midpoint.Midpoints,
            s.Path.Orders ?? 1, rawA, rawB, s.Path.Normalization, ProbeInputs.Progress(context, $"optimized {s.Path.Kind}"), context.Cancel);
        ProbeInputs.WritePathCsv(context, result.Curve);
        var outputs = new List<string> { "path.csv" };
        for (var k = 0; k < result.Midpoints.Count; k++)
        {
            var file = k == 0 ? "midpoint.safetensors" : $"midpoint{k}.safetensors";
            StateDictFile.Save(Path.Combine(context.Folder, file), result.Midpoints[k].State);
            outputs.Add(file);
        }
        var summary = PathStageRunner.Summary(context.Stage.Settings, result.Curve, evaluator);
        summary["d_am"] = result.DistanceAM;
        summary["d_mb"] = result.DistanceMB;
        summary["midpoints"] = result.Midpoints.Count;
        summary["midpoint_converged"] = result.Converged;
        summary["midpoint_train_error"] = result.MidpointTrainError;
        summary["midpoint_start_train_error"] = result.StartTrainError;
        summary["midpoint_max_train_error"] = s.Midpoint.MaxTrainError;
        summary["midpoint_records"] = new JsonArray(result.Midpoints.Select(m => (JsonNode?)new JsonObject
        {
            ["start_train_error"] = m.StartTrainError,
            ["train_error"] = m.TrainError,
            ["converged"] = m.Converged,
            ["steps"] = m.Steps,
            ["lr"] = m.LearningRate,
            ["diverged"] = m.Diverged,
            ["unstable"] = m.Unstable,
            ["restarts"] = m.Restarts,
            ["d_am"] = m.DistanceAM,
            ["d_mb"] = m.DistanceMB,
        }).ToArray());
        foreach (var m in result.Midpoints.Where(m => m.Restarts > 0))
            context.Log.Information("{Stage}: a midpoint's training diverged or its train loss rose above M₀'s at lr {Lr}; restarted {Restarts} time(s) at half the rate, M trained at {Used}",
                context.Stage.Id, s.Midpoint.Optimizer.LearningRate, m.Restarts, m.LearningRate);
        if (!result.Converged)
            context.Log.Warning("{Stage}: {Missed} of {Count} midpoint(s) did not reach train error {Threshold:P2} (best {Best:P3}); the path is not evidence",
                context.Stage.Id, result.Midpoints.Count(m => !m.Converged), result.Midpoints.Count, s.Midpoint.MaxTrainError,
                result.Midpoints.Max(m => m.TrainError));
        context.Log.Information("{Stage}: midpoint train error {Start:P2} → {Mid:P2} in {Steps} steps, barrier {Barrier:P2}, d(A,M) {Dam:G4}, d(M,B) {Dmb:G4}",
            context.Stage.Id, result.StartTrainError, result.MidpointTrainError, result.Midpoints.Sum(m => m.Steps), result.Curve.Barrier,
            result.DistanceAM, result.DistanceMB);
        return Task.FromResult(new StageOutcome(outputs, summary));
    }
}
