using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Training;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Stages;

/// <summary>
/// How an optimized path's midpoint is trained (METHOD.md §4, App. B: "the middle point has been optimized using the same
/// parameters of SGD-type solutions"): the spec's <c>sgd</c> algorithm's update rule, schedule, minibatch size and latent
/// clipping, with the midpoint's own epoch cap, threshold, checks and, for binary nets, how many midpoints are averaged.
/// </summary>
/// <param name="Optimizer">The SGD-type solutions' update rule and schedule (the schedule spans <paramref name="Epochs"/>).</param>
/// <param name="BatchSize">Their minibatch size.</param>
/// <param name="ClipLatent">Binary nets: latent weights clamped to [−1, 1], as theirs.</param>
/// <param name="Epochs">The midpoint's epoch cap (<c>probes.optimized_path.epochs</c>).</param>
/// <param name="MaxTrainError">The threshold it trains to (default: the SGD-type solutions').</param>
/// <param name="ChecksPerEpoch">Exact train-error checks per epoch.</param>
/// <param name="Midpoints">Independent midpoints averaged (binary nets, App. B; 1 for continuous nets).</param>
/// <param name="Seed">Seed of M₀'s draw (binary nets), the minibatch order and the flip orders.</param>
/// <param name="RestartOnLossRise">
/// Continuous nets: a check whose mean train loss is above M₀'s restarts the training from M₀ at half the rate
/// (<see cref="MidpointOptions.RestartOnLossRise"/>); written as <c>restart_on_loss_rise: true</c>, absent (false) for binary nets, whose
/// training it does not change, so their stage keys stay as they were.
/// </param>
public sealed record MidpointSettings(OptimizerSettings Optimizer, int BatchSize, bool ClipLatent, int Epochs, double MaxTrainError, int ChecksPerEpoch,
    int Midpoints, int Seed, bool RestartOnLossRise = false)
{
    private const string Where = "optimized-path stage";

    /// <summary>The midpoint's training from the spec: <paramref name="sgd"/>'s rule with <paramref name="p"/>'s optimized-path fields.</summary>
    public static MidpointSettings Of(AlgorithmSpec sgd, ProbeSpec p, bool binary) =>
        new(OptimizerSettings.Of(sgd), sgd.BatchSize, binary, p.MidpointEpochs, p.MidpointMaxTrainError ?? sgd.MaxTrainError, p.MidpointChecksPerEpoch,
            binary ? p.Midpoints : 1, p.Seed, RestartOnLossRise: !binary);

    /// <summary>The core's options.</summary>
    public MidpointOptions ToOptions() =>
        new(new TrainOptions(Optimizer.ToOptions(), BatchSize, Epochs, MaxTrainError, Seed, ClipLatent), ChecksPerEpoch, RestartOnLossRise);

    /// <summary>The canonical JSON.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        Optimizer.WriteTo(o);
        o["batch_size"] = BatchSize;
        o["clip_latent"] = ClipLatent;
        o["epochs"] = Epochs;
        o["max_train_error"] = MaxTrainError;
        o["checks_per_epoch"] = ChecksPerEpoch;
        o["midpoints"] = Midpoints;
        o["seed"] = Seed;
        if (RestartOnLossRise) o["restart_on_loss_rise"] = true;
        return o;
    }

    /// <summary>The inverse of <see cref="ToJson"/>.</summary>
    public static MidpointSettings FromJson(JsonObject o) => new(OptimizerSettings.Read(o, Where), (int)StageJson.Get(o, "batch_size", Where),
        (bool)StageJson.Get(o, "clip_latent", Where), (int)StageJson.Get(o, "epochs", Where), (double)StageJson.Get(o, "max_train_error", Where),
        (int)StageJson.Get(o, "checks_per_epoch", Where), (int)StageJson.Get(o, "midpoints", Where), (int)StageJson.Get(o, "seed", Where),
        o["restart_on_loss_rise"] is { } rise ? (bool)rise : false);
}
