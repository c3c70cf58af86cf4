using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Core.Training;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The optimized-path stage (METHOD.md §4, paper Fig. 3): the midpoint of one path kind between a pair, trained with SGD
/// on the full train set, then A → M → B along the same kind. Writes <c>path.csv</c> (M at t = 0.5) and
/// <c>midpoint.safetensors</c>; the manifest adds <c>d_am</c>, <c>d_mb</c> and <c>midpoint_train_error</c>.
/// </summary>
public sealed class OptimizedPathStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.OptimizedPath;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = context.Stage.Settings;
        var m = (JsonObject)s["midpoint"]!;
        var arch = ProbeInputs.Architecture(context);
        var kind = PathKinds.Parse((string)s["kind"]!);
        using var data = ProbeInputs.Data(context);
        using var scope = NewDisposeScope();
        var (a, b) = ProbeInputs.Endpoints(context, kind, arch);
        using var evaluator = ProbeInputs.Evaluator(context, arch, data);
        var options = new SgdOptions((double)m["lr"]!, (double)m["momentum"]!, (bool)m["nesterov"]!, (int)m["batch_size"]!, (int)m["epochs"]!,
            (double)m["max_train_error"]!, (int)m["seed"]!);
        var result = OptimizedPath.Evaluate(evaluator, kind, Layouts.For(arch), a, b, data.Value.Train, options, (int)s["points"]!,
            ProbeInputs.Progress(context, $"optimized {PathKinds.Name(kind)}"), context.Cancel, StageSettings.Normalization(s));
        ProbeInputs.WritePathCsv(context, result.Curve);
        StateDictFile.Save(Path.Combine(context.Folder, "midpoint.safetensors"), result.Midpoint);
        var summary = PathStageRunner.Summary(s, result.Curve, evaluator);
        summary["d_am"] = result.DistanceAM;
        summary["d_mb"] = result.DistanceMB;
        summary["midpoint_train_error"] = result.MidpointTrainError;
        summary["midpoint_epochs"] = result.MidpointEpochs;
        summary["midpoint_lr"] = result.MidpointLearningRate;
        if (result.MidpointLearningRate < options.LearningRate)
            context.Log.Warning("{Stage}: the midpoint's training diverged at lr {Lr}; trained at {Used} instead",
                context.Stage.Id, options.LearningRate, result.MidpointLearningRate);
        context.Log.Information("{Stage}: midpoint train error {Mid:P2} after {Epochs} epochs, barrier {Barrier:P2}, d(A,M) {Dam:G4}, d(M,B) {Dmb:G4}",
            context.Stage.Id, result.MidpointTrainError, result.MidpointEpochs, result.Curve.Barrier, result.DistanceAM, result.DistanceMB);
        return Task.FromResult(new StageOutcome(["path.csv", "midpoint.safetensors"], summary));
    }
}
