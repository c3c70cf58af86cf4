using System.Text.Json.Nodes;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Stages;

/// <summary>
/// A train stage's settings (METHOD.md §6): built by the planner from a spec, serialized canonically into the stage's key
/// (<see cref="ToJson"/>), read back by the runner (<see cref="FromJson"/>). Every hyper-parameter is here, resolved
/// defaults included, so a change to any reruns just this training and what depends on it.
/// </summary>
/// <param name="Arch">The full written architecture, every size (<c>mlp:784,500,500,10</c>).</param>
/// <param name="Sizes">The sizes of <paramref name="Arch"/>, repeated.</param>
/// <param name="Algorithm">sgd, rsgd or adv.</param>
/// <param name="Optimizer">The clean phase's update rule.</param>
/// <param name="BatchSize">Minibatch size.</param>
/// <param name="Epochs">Epoch cap of the clean phase.</param>
/// <param name="MaxTrainError">Convergence threshold on the solution's 0-1 train error.</param>
/// <param name="Loss">cross-entropy, or bce-with-logits for one-output binary tasks.</param>
/// <param name="ClipLatent">Binary nets: latent weights clamped to [−1, 1] after every step.</param>
/// <param name="Seed">The spec seed (each algorithm draws its own stream of it).</param>
/// <param name="Device">cpu, cuda or auto (the spec's; <c>--device</c> overrides where it runs, not the key).</param>
/// <param name="Replicated">RSGD: replicas and γ growth.</param>
/// <param name="Adversarial">ADV: the random-label pre-training (SGD without momentum, constant rate).</param>
public sealed record TrainStageSettings(string Arch, IReadOnlyList<int> Sizes, string Algorithm, OptimizerSettings Optimizer, int BatchSize, int Epochs,
    double MaxTrainError, string Loss, bool ClipLatent, int Seed, string Device, ReplicaSpec? Replicated, AdversarialSpec? Adversarial)
{
    private const string Where = "train stage";

    /// <summary>The settings of algorithm <paramref name="a"/> of <paramref name="spec"/> with seed <paramref name="seed"/>.</summary>
    public static TrainStageSettings Of(ExperimentSpec spec, AlgorithmSpec a, int seed)
    {
        var arch = TaskShape.Architecture(spec.Network, spec.Data);
        return new TrainStageSettings(arch.ToString(), arch.Sizes.ToList(), a.Name, OptimizerSettings.Of(a), a.BatchSize, a.Epochs, a.MaxTrainError,
            arch.IsBinary && TaskShape.Outputs(spec.Data, spec.Network) == 1 ? "bce-with-logits" : "cross-entropy", arch.IsBinary, seed, spec.Device,
            a.Replicated, a.Adversarial);
    }

    /// <summary>The canonical JSON: <c>network</c> {arch, sizes}, <c>algorithm</c> {name, the update rule, sizes, rsgd's or adv's own}, <c>seed</c>, <c>device</c>.</summary>
    public JsonObject ToJson()
    {
        var algorithm = new JsonObject { ["name"] = Algorithm };
        Optimizer.WriteTo(algorithm);
        algorithm["batch_size"] = BatchSize;
        algorithm["epochs"] = Epochs;
        algorithm["max_train_error"] = MaxTrainError;
        algorithm["loss"] = Loss;
        algorithm["clip_latent"] = ClipLatent;
        if (Replicated is { } r)
        {
            algorithm["replicas"] = r.Replicas;
            algorithm["gamma_max"] = r.GammaMax;
            algorithm["gamma0"] = "auto";
        }
        if (Adversarial is { } v)
        {
            algorithm["zeta"] = v.Zeta;
            algorithm["pretrain_optimizer"] = "sgd";
            algorithm["pretrain_lr"] = v.PretrainLearningRate;
            algorithm["pretrain_epochs"] = v.PretrainEpochs;
            algorithm["pretrain_max_error"] = v.PretrainMaxError;
            algorithm["pretrain_schedule"] = "constant";
        }
        return new JsonObject
        {
            ["network"] = new JsonObject { ["arch"] = Arch, ["sizes"] = StageJson.Array(Sizes) },
            ["algorithm"] = algorithm,
            ["seed"] = Seed,
            ["device"] = Device,
        };
    }

    /// <summary>The inverse of <see cref="ToJson"/>; a missing field is an error naming it.</summary>
    public static TrainStageSettings FromJson(JsonObject s)
    {
        var network = (JsonObject)StageJson.Get(s, "network", Where);
        var a = (JsonObject)StageJson.Get(s, "algorithm", Where);
        var name = (string)StageJson.Get(a, "name", Where)!;
        return new TrainStageSettings((string)StageJson.Get(network, "arch", Where)!,
            ((JsonArray)StageJson.Get(network, "sizes", Where)).Select(n => (int)n!).ToList(), name, OptimizerSettings.Read(a, Where),
            (int)StageJson.Get(a, "batch_size", Where), (int)StageJson.Get(a, "epochs", Where), (double)StageJson.Get(a, "max_train_error", Where),
            (string)StageJson.Get(a, "loss", Where)!, (bool)StageJson.Get(a, "clip_latent", Where), (int)StageJson.Get(s, "seed", Where),
            (string)StageJson.Get(s, "device", Where)!,
            name == "rsgd" ? new ReplicaSpec((int)StageJson.Get(a, "replicas", Where), (double)StageJson.Get(a, "gamma_max", Where)) : null,
            name == "adv"
                ? new AdversarialSpec((double)StageJson.Get(a, "zeta", Where), (double)StageJson.Get(a, "pretrain_lr", Where),
                    (int)StageJson.Get(a, "pretrain_epochs", Where), (double)StageJson.Get(a, "pretrain_max_error", Where))
                : null);
    }
}
