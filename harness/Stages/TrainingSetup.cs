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

    /// <summary>Builds the run of a train stage's JSON settings (<see cref="TrainStageSettings.FromJson"/>).</summary>
    public static TrainingSetup Create(JsonObject settings, Dataset train, Device device) => Create(TrainStageSettings.FromJson(settings), train, device);

    /// <summary>
    /// Builds the run of <paramref name="s"/> on <paramref name="train"/> (already on <paramref name="device"/>).
    /// Each network is initialized from its own generator derived from the stage's seed
    /// (<see cref="DefaultInitialization.GeneratorFor"/>), so the initial weights depend on the seed alone, whatever runs beside.
    /// </summary>
    public static TrainingSetup Create(TrainStageSettings s, Dataset train, Device device)
    {
        var arch = Architecture.Parse(s.Arch);
        var seed = AlgorithmSeed(s.Algorithm, s.Seed);
        var options = new TrainOptions(s.Optimizer.ToOptions(), s.BatchSize, s.Epochs, s.MaxTrainError, seed, s.ClipLatent);
        switch (s.Algorithm)
        {
            case "sgd":
            {
                var m = Create(arch, device, options.Seed);
                return new TrainingSetup(arch, new Sgd(m, train, options), m);
            }
            case "rsgd":
            {
                var r = s.Replicated ?? throw new StageFailedException("an rsgd stage without its replica settings");
                return new TrainingSetup(arch, new ReplicatedSgd(g => Create(arch, device, g), train, options, new ReplicaOptions(r.Replicas, r.GammaMax)), null);
            }
            case "adv":
            {
                var v = s.Adversarial ?? throw new StageFailedException("an adv stage without its pre-training settings");
                var m = Create(arch, device, options.Seed);
                // The paper pre-trains every ADV solution with SGD without momentum at a constant rate (App. A, App. B).
                var pre = OptimizerOptions.Sgd(v.PretrainLearningRate, 0, false, LearningRateSchedule.Constant);
                var adv = new AdversarialOptions(v.Zeta, pre, v.PretrainEpochs, v.PretrainMaxError);
                return new TrainingSetup(arch, new AdversarialInit(m, train, options, adv), m);
            }
            default:
                throw new StageFailedException($"unknown algorithm '{s.Algorithm}'");
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
