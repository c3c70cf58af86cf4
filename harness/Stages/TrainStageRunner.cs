using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Training;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The train stage: builds the network from the seed, trains it with its algorithm until the train-error threshold
/// or the epoch cap, and writes <c>network.safetensors</c> and <c>history.csv</c>. A solution that misses the threshold
/// is kept and marked <c>converged: false</c>, never hidden.
/// </summary>
public sealed class TrainStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Train;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = context.Stage.Settings;
        var device = DeviceChoice.Resolve((string)s["device"]!);
        if (device.type != TorchSharp.DeviceType.CPU) throw new StageFailedException($"{context.Stage.Id}: only the cpu device is wired yet");
        var network = (JsonObject)s["network"]!;
        var algo = (JsonObject)s["algorithm"]!;
        var sizes = ((JsonArray)network["sizes"]!).Select(n => (int)n!).ToArray();
        var seed = (int)s["seed"]!;
        var options = new SgdOptions((double)algo["lr"]!, (double)algo["momentum"]!, (bool)algo["nesterov"]!, (int)algo["batch_size"]!,
            (int)algo["epochs"]!, (double)algo["max_train_error"]!, seed);

        var dataInput = context.Inputs.Single(i => i.Stage.Kind == Planning.StageKinds.Data);
        using var data = DatasetMemo.Get(context.DataDirectory, StageSettings.Data(dataInput.Stage.Settings)).Lease();

        manual_seed(seed);
        using var model = new Mlp(sizes);
        var train = data.Value.Train;
        var result = SgdTraining.Train(model, train, options, e =>
        {
            var status = $"epoch {e.Epoch}/{e.Epochs} loss {e.Loss:F4} err {e.TrainError ?? e.RunningTrainError:P2}";
            context.Progress.Report((double)e.Epoch / e.Epochs, status);
            context.Log.Information("{Stage}: epoch {Epoch}/{Epochs} loss {Loss:F4} running error {Running:P2}{Exact} lr {Lr:G3} ({Seconds:F1} s)",
                context.Stage.Id, e.Epoch, e.Epochs, e.Loss, e.RunningTrainError,
                e.TrainError is { } t ? $", train error {t:P3}" : "", e.LearningRate, e.Seconds);
        }, context.Cancel);
        var testError = Evaluator.ErrorRate(model, data.Value.Test);
        if (!result.Converged)
            context.Log.Warning("{Stage}: did not reach train error {Threshold:P2} in {Epochs} epochs (train error {Train:P3}); kept and marked not converged",
                context.Stage.Id, options.MaxTrainError, result.EpochsRun, result.TrainError);

        StateDictFile.Save(Path.Combine(context.Folder, "network.safetensors"), model.state_dict());
        File.WriteAllText(Path.Combine(context.Folder, "history.csv"), HistoryCsv(result.History));
        var summary = new JsonObject
        {
            ["train_error"] = result.TrainError,
            ["test_error"] = testError,
            ["converged"] = result.Converged,
            ["max_train_error"] = options.MaxTrainError,
            ["epochs"] = result.EpochsRun,
            ["epoch_cap"] = options.Epochs,
            ["train_seconds"] = Math.Round(result.Seconds, 3),
            ["seconds_per_epoch"] = Math.Round(result.Seconds / result.EpochsRun, 4),
            ["train_samples"] = train.Count,
            ["test_samples"] = data.Value.Test.Count,
        };
        context.Log.Information("{Stage}: train error {Train:P3}, test error {Test:P2}, {Epochs} epochs", context.Stage.Id,
            result.TrainError, testError, result.EpochsRun);
        return Task.FromResult(new StageOutcome(["network.safetensors", "history.csv"], summary));
    }

    private static string HistoryCsv(IEnumerable<EpochReport> history)
    {
        var sb = new StringBuilder("epoch,loss,running_train_error,train_error,lr,seconds\n");
        foreach (var e in history)
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Loss:R},{e.RunningTrainError:R},{e.TrainError?.ToString("R", CultureInfo.InvariantCulture) ?? ""},{e.LearningRate:R},{e.Seconds:F4}\n");
        return sb.ToString();
    }
}
