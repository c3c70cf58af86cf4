using System.Text.Json.Nodes;
using TorchSharp;
using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// A train stage's settings (Planner.TrainSettings) turned into a ready <see cref="TrainingRun"/>: the architecture, the
/// options of every phase, and the network(s) initialized from the seed. Owns what it built.
/// </summary>
public sealed class TrainingSetup : IDisposable
{
    private readonly nn.Module<Tensor, Tensor>? model;

    private TrainingSetup(Architecture architecture, TrainingRun run, nn.Module<Tensor, Tensor>? model)
    {
        Architecture = architecture;
        Run = run;
        this.model = model;
    }

    /// <summary>The network's architecture, every size written.</summary>
    public Architecture Architecture { get; }

    /// <summary>The run, at its start.</summary>
    public TrainingRun Run { get; }

    /// <summary>
    /// Builds the run of <paramref name="settings"/> on <paramref name="train"/> (already on <paramref name="device"/>).
    /// Each network is initialized from its own generator derived from the stage's seed
    /// (<see cref="DefaultInitialization.GeneratorFor"/>), so the initial weights depend on the seed alone, whatever runs beside.
    /// </summary>
    public static TrainingSetup Create(JsonObject settings, Dataset train, Device device)
    {
        var arch = Architecture.Parse((string)settings["network"]!["arch"]!);
        var a = (JsonObject)settings["algorithm"]!;
        var name = (string)a["name"]!;
        var seed = AlgorithmSeed(name, (int)settings["seed"]!);
        var adam = (string)a["optimizer"]! == "adam";
        var lr = (double)a["lr"]!;
        var schedule = (string)a["schedule"]! switch
        {
            "cosine" => LearningRateSchedule.Cosine,
            "constant" => LearningRateSchedule.Constant,
            var other => throw new StageFailedException($"unknown learning-rate schedule '{other}'"),
        };
        var optimizer = adam
            ? OptimizerOptions.Adam(lr, (double)a["beta1"]!, (double)a["beta2"]!, schedule)
            : OptimizerOptions.Sgd(lr, (double)a["momentum"]!, (bool)a["nesterov"]!, schedule);
        var options = new TrainOptions(optimizer, (int)a["batch_size"]!, (int)a["epochs"]!, (double)a["max_train_error"]!, seed,
            (bool)a["clip_latent"]!);
        return Build(name, arch, train, options, a, adam, optimizer, device);
    }

    private static TrainingSetup Build(string name, Architecture arch, Dataset train, TrainOptions options, JsonObject a, bool adam,
        OptimizerOptions optimizer, Device device)
    {
        switch (name)
        {
            case "sgd":
            {
                var m = Create(arch, device, options.Seed);
                return new TrainingSetup(arch, new Sgd(m, train, options), m);
            }
            case "rsgd":
                return new TrainingSetup(arch, new ReplicatedSgd(g => Create(arch, device, g), train, options,
                    new ReplicaOptions((int)a["replicas"]!, (double)a["gamma_max"]!)), null);
            case "adv":
            {
                var m = Create(arch, device, options.Seed);
                var preLr = (double)a["pretrain_lr"]!;
                var pre = adam
                    ? OptimizerOptions.Adam(preLr, optimizer.Beta1, optimizer.Beta2, LearningRateSchedule.Constant)
                    : OptimizerOptions.Sgd(preLr, 0, false, LearningRateSchedule.Constant);
                var adv = new AdversarialOptions((double)a["zeta"]!, pre, (int)a["pretrain_epochs"]!, (double)a["pretrain_max_error"]!);
                return new TrainingSetup(arch, new AdversarialInit(m, train, options, adv), m);
            }
            default:
                throw new StageFailedException($"unknown algorithm '{name}'");
        }
    }

    /// <summary>
    /// The seed a run of <paramref name="algorithm"/> with spec seed <paramref name="seed"/> draws everything from (initial
    /// weights, minibatch order, random labels): a SplitMix64 stream of (seed, algorithm). Solutions of different algorithms
    /// never share an initialization: with the spec seed alone, sgd-s1, adv-s1 and RSGD's first replica of seed 1 started
    /// from the same weights, and the mixed pairs of a seed (rsgd-s1 vs sgd-s1, …) were related by training, not
    /// independent samples (in the binary Fashion MLP their aligned and unaligned barriers came out equal: alignment found
    /// nothing to permute).
    /// </summary>
    public static long AlgorithmSeed(string algorithm, long seed)
    {
        ulong stream = algorithm switch
        {
            "sgd" => 0x5347_4400,
            "rsgd" => 0x5253_4744,
            "adv" => 0x4144_5600,
            _ => throw new StageFailedException($"unknown algorithm '{algorithm}'"),
        };
        // 62 bits: non-negative, and RSGD's replica streams (seed + 1,000,003·a) stay within a long.
        return (long)(SplitMix64.ForStream(seed, stream).NextUInt64() >> 2);
    }

    /// <summary>The network of a one-network run: network 0 of the seed.</summary>
    private static nn.Module<Tensor, Tensor> Create(Architecture arch, Device device, long seed)
    {
        using var g = DefaultInitialization.GeneratorFor(seed, 0);
        return Create(arch, device, g);
    }

    /// <summary>Initialized on the CPU from <paramref name="generator"/>, then moved: the same weights on every device.</summary>
    private static nn.Module<Tensor, Tensor> Create(Architecture arch, Device device, Generator generator)
    {
        var m = arch.Create(generator);
        if (device.type != TorchSharp.DeviceType.CPU) m.to(device.type, device.index);
        return m;
    }

    /// <summary>Frees the run and the network.</summary>
    public void Dispose()
    {
        Run.Dispose();
        model?.Dispose();
    }
}
