using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reproduce.Core.Data;
using Reproduce.Core.Probes;
using Reproduce.Core.Training;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The train stage: builds the network(s) from the seed, trains with the stage's algorithm (sgd, rsgd, adv) until the
/// train-error threshold or the epoch cap, and writes <c>network.safetensors</c> (the solution: for RSGD the center) and
/// <c>history.csv</c> (clean phase), plus <c>pretrain_history.csv</c> (adv) or <c>replicas.csv</c> (rsgd). After every epoch
/// it writes a checkpoint (<see cref="TrainingCheckpoint"/>); a killed stage resumes from it and ends with the same weights.
/// A solution that misses the threshold is kept and marked <c>converged: false</c>, never hidden.
/// </summary>
public sealed class TrainStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Train;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = TrainStageSettings.FromJson(context.Stage.Settings);
        var device = DeviceChoice.Resolve(context.Device ?? s.Device);
        var dataInput = context.Inputs.Single(i => i.Stage.Kind == Planning.StageKinds.Data);
        using var data = DatasetMemo.Get(context.DataDirectory, StageSettings.Data(dataInput.Stage.Settings)).Lease();
        using var onDevice = OnDevice(data.Value, device);
        var (train, test) = (onDevice?.Train ?? data.Value.Train, onDevice?.Test ?? data.Value.Test);

        using var setup = TrainingSetup.Create(s, train, device);
        var run = setup.Run;
        if (TrainingCheckpoint.TryLoad(context.Folder) is { } state)
        {
            run.Restore(state);
            context.Log.Information("{Stage}: resuming from the checkpoint after {Epochs} epochs", context.Stage.Id, state.History.Count);
        }
        var result = run.Run(e =>
        {
            TrainingCheckpoint.Save(context.Folder, run.Capture());
            Report(context, e);
        }, context.Cancel);

        var solution = run.Solution;
        var testError = Evaluator.ErrorRate(solution, test);
        if (!result.Converged)
            context.Log.Warning("{Stage}: did not reach train error {Threshold:P2} in {Epochs} epochs (train error {Train:P3}); kept and marked not converged",
                context.Stage.Id, run.Options.MaxTrainError, result.EpochsRun, result.TrainError);

        StateDictFile.Save(Path.Combine(context.Folder, "network.safetensors"), solution.state_dict());
        var outputs = new List<string> { "network.safetensors", "history.csv" };
        File.WriteAllText(Path.Combine(context.Folder, "history.csv"), HistoryCsv(result.History.Where(e => e.Phase == TrainingPhases.Train)));
        var summary = new JsonObject
        {
            ["train_error"] = result.TrainError,
            ["test_error"] = testError,
            ["converged"] = result.Converged,
            ["max_train_error"] = run.Options.MaxTrainError,
            ["epochs"] = result.EpochsRun,
            ["epoch_cap"] = run.Options.Epochs,
            ["train_seconds"] = Math.Round(result.Seconds, 3),
            ["seconds_per_epoch"] = Math.Round(result.Seconds / Math.Max(1, result.History.Count), 4),
            ["train_samples"] = train.Count,
            ["test_samples"] = test.Count,
            ["algorithm"] = run.Algorithm,
            ["arch"] = setup.Architecture.ToString(),
        };
        if (run is AdversarialInit adv)
        {
            File.WriteAllText(Path.Combine(context.Folder, "pretrain_history.csv"),
                HistoryCsv(result.History.Where(e => e.Phase == TrainingPhases.Pretrain)));
            outputs.Add("pretrain_history.csv");
            summary["pretrain_epochs"] = adv.PretrainEpochs;
            summary["pretrain_error"] = double.IsNaN(adv.PretrainError) ? null : adv.PretrainError;
            summary["pretrain_converged"] = adv.PretrainConverged;
            if (!adv.PretrainConverged)
                context.Log.Warning("{Stage}: pre-training on random labels stopped at error {Error:P2} in {Epochs} epochs (target {Target:P2})",
                    context.Stage.Id, adv.PretrainError, adv.PretrainEpochs, s.Adversarial!.PretrainMaxError);
        }
        if (run is ReplicatedSgd rsgd)
        {
            File.WriteAllText(Path.Combine(context.Folder, "replicas.csv"), ReplicasCsv(result.History));
            outputs.Add("replicas.csv");
            summary["gamma0"] = rsgd.InitialGamma;
            summary["replica_distance"] = rsgd.MeanDistanceToCenter();
        }
        context.Log.Information("{Stage}: train error {Train:P3}, test error {Test:P2}, {Epochs} epochs", context.Stage.Id,
            result.TrainError, testError, result.EpochsRun);
        return Task.FromResult(new StageOutcome(outputs, summary));
    }

    private static void Report(StageRunContext context, EpochReport e)
    {
        var status = $"{(e.Phase == TrainingPhases.Pretrain ? "pretrain " : "")}epoch {e.Epoch}/{e.Epochs} loss {e.Loss:F4} err {e.TrainError ?? e.RunningTrainError:P2}";
        context.Progress.Report((double)e.Epoch / e.Epochs, status);
        context.Log.Information("{Stage}: {Phase} epoch {Epoch}/{Epochs} loss {Loss:F4} running error {Running:P2}{Exact} lr {Lr:G3}{Gamma} ({Seconds:F1} s)",
            context.Stage.Id, e.Phase, e.Epoch, e.Epochs, e.Loss, e.RunningTrainError,
            e.TrainError is { } t ? $", train error {t:P3}" : "", e.LearningRate,
            e.Gamma is { } g ? $" gamma {g:G3} distance {e.ReplicaDistance:G3}" : "", e.Seconds);
    }

    private static SplitDataset? OnDevice(SplitDataset data, Device device) => device.type == TorchSharp.DeviceType.CPU ? null
        : new SplitDataset(Move(data.Train, device), Move(data.Test, device));

    private static Dataset Move(Dataset d, Device device) => d with { Inputs = d.Inputs.to(device), Labels = d.Labels.to(device) };

    private static string HistoryCsv(IEnumerable<EpochReport> history)
    {
        var sb = new StringBuilder("epoch,loss,running_train_error,train_error,lr,seconds\n");
        foreach (var e in history)
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Loss:R},{e.RunningTrainError:R},{e.TrainError?.ToString("R", CultureInfo.InvariantCulture) ?? ""},{e.LearningRate:R},{e.Seconds:F4}\n");
        return sb.ToString();
    }

    private static string ReplicasCsv(IEnumerable<EpochReport> history)
    {
        var sb = new StringBuilder("epoch,gamma,replica_distance\n");
        foreach (var e in history)
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Gamma:R},{e.ReplicaDistance:R}\n");
        return sb.ToString();
    }
}
