using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The canonicalize stage: one solution normalized (paper Alg. 1, <see cref="UnitNormalization"/>) to the target norms
/// of its <c>normalization</c> setting, written as <c>normalized.safetensors</c>: the same function, every hidden unit
/// and the last layer on their spheres. The manifest
/// result checks finding I1 on the solution (<see cref="InvarianceCheck"/>): <c>predictions_changed</c> of
/// <c>prediction_check_inputs</c> random inputs, and <c>self_alignment_distance</c> of a scrambled copy.
/// </summary>
public sealed class CanonicalizeStageRunner : IStageRunner
{
    /// <summary>Random N(0, I) inputs on which the predictions before and after normalization are compared.</summary>
    public const int PredictionCheckInputs = 512;

    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Canonicalize;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        using var scope = NewDisposeScope();
        var arch = ProbeInputs.Architecture(context);
        var sd = ProbeInputs.Network(context, ProbeInputs.Input(context, 0, Planning.StageKinds.Train), "network.safetensors", arch);
        var layout = Layouts.For(arch);
        var norms = StageSettings.Normalization(context.Stage.Settings);
        var normalized = UnitNormalization.Normalize(layout, sd, norms);
        StateDictFile.Save(Path.Combine(context.Folder, "normalized.safetensors"), normalized);
        // Finding I1 on this very solution: normalization keeps every prediction; a scrambled copy aligns back to 0.
        var result = new JsonObject
        {
            ["solution"] = (string)context.Stage.Settings["solution"]!,
            ["architecture"] = arch.ToString(),
            ["predictions_changed"] = InvarianceCheck.PredictionsChanged(arch, sd, normalized, PredictionCheckInputs),
            ["prediction_check_inputs"] = PredictionCheckInputs,
            ["self_alignment_distance"] = InvarianceCheck.SelfAlignmentDistance(layout, sd, norms),
        };
        return Task.FromResult(new StageOutcome(["normalized.safetensors"], result));
    }
}
