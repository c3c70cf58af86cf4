using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The plane stage (METHOD.md §4, paper Fig. 4): train and test error on a grid of the plane through three solutions
/// (a, b, c), with b and c aligned to a: in <c>raw</c> space a and the raw-aligned b, c; in <c>normalized</c> space
/// normalized a and the normalized-aligned b, c. Writes <c>plane.json</c>.
/// Inputs: data, train a, b, c, canonicalize a, b, c, align (a, b), align (a, c).
/// </summary>
public sealed class PlaneStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Plane;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = context.Stage.Settings;
        var arch = ProbeInputs.Architecture(context);
        var space = (string)s["space"]!;
        var names = ((JsonArray)s["solutions"]!).Select(n => (string)n!).ToList();
        using var data = ProbeInputs.Data(context);
        using var scope = NewDisposeScope();
        var normalized = space == "normalized";
        var w1 = normalized
            ? ProbeInputs.Network(context, ProbeInputs.Input(context, 4, Planning.StageKinds.Canonicalize), "normalized.safetensors", arch)
            : ProbeInputs.Network(context, ProbeInputs.Input(context, 1, Planning.StageKinds.Train), "network.safetensors", arch);
        var file = normalized ? "b_aligned_normalized.safetensors" : "b_aligned_raw.safetensors";
        var w2 = ProbeInputs.Network(context, ProbeInputs.Input(context, 7, Planning.StageKinds.Align), file, arch);
        var w3 = ProbeInputs.Network(context, ProbeInputs.Input(context, 8, Planning.StageKinds.Align), file, arch);
        using var evaluator = ProbeInputs.Evaluator(context, arch, data);
        var plane = PlaneGrid.Evaluate(evaluator, Layouts.For(arch), w1, w2, w3, (int)s["resolution"]!, (double)s["margin"]!,
            ProbeInputs.Progress(context, $"plane ({space})"));
        var points = new JsonObject();
        for (var k = 0; k < 3; k++) points[names[k]] = ProbeInputs.Numbers([plane.Points[k].X, plane.Points[k].Y]);
        ProbeInputs.WriteJson(context, "plane.json", new JsonObject
        {
            ["space"] = space,
            ["solutions"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
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
            ["space"] = space,
            ["solutions"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["grid"] = new JsonArray(plane.X.Count, plane.Y.Count),
            ["max_train_error"] = plane.TrainError.SelectMany(r => r).Max(),
            ["eval_train_samples"] = evaluator.Train.Count,
            ["eval_test_samples"] = evaluator.Test!.Count,
        };
        return Task.FromResult(new StageOutcome(["plane.json"], result));
    }
}
