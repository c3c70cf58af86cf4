using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The plane stage (METHOD.md §4, paper Fig. 4 / Fig. 8): train and test error on a grid of the plane through solution A,
/// solution B unaligned and B aligned to A — the paper's RSGD solution, ADV solution and ADV aligned to RSGD, so that one
/// picture shows what alignment does. In <c>raw</c> space raw A, raw B and B raw-aligned (binary nets: their latent weights,
/// each grid point evaluated through sign); in <c>normalized</c> space A and B normalized and B normalized-aligned.
/// Writes <c>plane.json</c>. Inputs: data, train A, train B, canonicalize A, canonicalize B, align (A, B).
/// </summary>
public sealed class PlaneStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Plane;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = PlaneStageSettings.FromJson(context.Stage.Settings);
        var arch = ProbeInputs.Architecture(context);
        using var data = ProbeInputs.Data(context);
        using var scope = NewDisposeScope();
        var normalized = s.Space == "normalized";
        Dictionary<string, Tensor> Solution(int train, int canonicalize) => normalized
            ? ProbeInputs.Network(context, ProbeInputs.Input(context, canonicalize, Planning.StageKinds.Canonicalize), "normalized.safetensors", arch)
            : ProbeInputs.Network(context, ProbeInputs.Input(context, train, Planning.StageKinds.Train), "network.safetensors", arch);
        var w1 = Solution(1, 3);
        var w2 = Solution(2, 4);
        var w3 = ProbeInputs.Network(context, ProbeInputs.Input(context, 5, Planning.StageKinds.Align),
            normalized ? "b_aligned_normalized.safetensors" : "b_aligned_raw.safetensors", arch);
        using var evaluator = ProbeInputs.Evaluator(context, arch, data);
        var plane = PlaneGrid.Evaluate(evaluator, Layouts.For(arch), w1, w2, w3, s.Resolution, s.Margin, ProbeInputs.Progress(context, $"plane ({s.Space})"));
        var names = s.Points;
        var points = new JsonObject();
        for (var k = 0; k < 3; k++) points[names[k]] = ProbeInputs.Numbers([plane.Points[k].X, plane.Points[k].Y]);
        var solutions = StageJson.Array(names);
        ProbeInputs.WriteJson(context, "plane.json", new JsonObject
        {
            ["space"] = s.Space,
            ["solutions"] = solutions.DeepClone(),
            ["x"] = ProbeInputs.Numbers(plane.X),
            ["y"] = ProbeInputs.Numbers(plane.Y),
            ["train_error"] = new JsonArray(plane.TrainError.Select(r => (JsonNode?)ProbeInputs.Numbers(r)).ToArray()),
            ["test_error"] = new JsonArray(plane.TestError.Select(r => (JsonNode?)ProbeInputs.Numbers(r)).ToArray()),
            ["points"] = points,
            ["eval_train_samples"] = evaluator.Train.Count,
            ["eval_test_samples"] = evaluator.Test!.Count,
        });
        var result = new JsonObject
        {
            ["space"] = s.Space,
            ["solutions"] = solutions,
            ["grid"] = new JsonArray(plane.X.Count, plane.Y.Count),
            ["max_train_error"] = plane.TrainError.SelectMany(r => r).Max(),
            ["eval_train_samples"] = evaluator.Train.Count,
            ["eval_test_samples"] = evaluator.Test!.Count,
        };
        return Task.FromResult(new StageOutcome(["plane.json"], result));
    }
}
