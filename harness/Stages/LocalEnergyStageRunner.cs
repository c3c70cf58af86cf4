using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The local-energy stage (METHOD.md §5): for one solution, dE at each noise level (σ for continuous nets, flip fraction p
/// for binary ones), mean and spread over the draws, on the probes' train samples; with the solution's train and test
/// error. Writes <c>local_energy.json</c>.
/// </summary>
public sealed class LocalEnergyStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.LocalEnergy;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = context.Stage.Settings;
        var arch = ProbeInputs.Architecture(context);
        using var data = ProbeInputs.Data(context);
        using var scope = NewDisposeScope();
        var sd = ProbeInputs.Network(context, ProbeInputs.Input(context, 1, Planning.StageKinds.Train), "network.safetensors", arch);
        using var evaluator = ProbeInputs.Evaluator(context, arch, data);
        var levels = ((JsonArray)s["levels"]!).Select(v => (double)v!).ToList();
        var result = LocalEnergy.Measure(evaluator, Layouts.For(arch), sd, levels, (int)s["draws"]!, (int)s["seed"]!,
            ProbeInputs.Progress(context, "local energy"));
        evaluator.Load(sd);
        var testError = evaluator.TestError();
        var solution = (string)s["solution"]!;
        ProbeInputs.WriteJson(context, "local_energy.json", new JsonObject
        {
            ["solution"] = solution,
            ["noise"] = result.Noise,
            ["levels"] = ProbeInputs.Numbers(result.Levels),
            ["mean"] = ProbeInputs.Numbers(result.Mean),
            ["std"] = ProbeInputs.Numbers(result.Std),
            ["draws"] = result.Draws,
            ["train_error"] = result.TrainError,
            ["test_error"] = testError,
            ["eval_train_samples"] = evaluator.Train.Count,
            ["eval_test_samples"] = evaluator.Test!.Count,
        });
        context.Log.Information("{Stage}: dE at the largest level {Level}: {Mean:P2} ± {Std:P2}", context.Stage.Id, levels[^1], result.Mean[^1], result.Std[^1]);
        return Task.FromResult(new StageOutcome(["local_energy.json"], new JsonObject
        {
            ["solution"] = solution,
            ["noise"] = result.Noise,
            ["draws"] = result.Draws,
            ["train_error"] = result.TrainError,
            ["test_error"] = testError,
            ["eval_train_samples"] = evaluator.Train.Count,
            ["eval_test_samples"] = evaluator.Test!.Count,
        }));
    }
}
