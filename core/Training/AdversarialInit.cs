using Reproduce.Core.Numerics;
using TorchSharp;
using System.Diagnostics;
using Reproduce.Core.Data;
using Reproduce.Core.Probes;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// Adversarial initialization (Liu et al. 2020; METHOD.md §6). Phase 1 (<see cref="TrainingPhases.Pretrain"/>): train on a
/// copy of the train set whose labels are drawn uniformly at random and whose input values are each set to 0 with
/// probability ζ, with <see cref="AdversarialOptions.Optimizer"/>, until the copy's exact error is ≤
/// <see cref="AdversarialOptions.MaxError"/> or the phase's cap. Phase 2 (<see cref="TrainingPhases.Train"/>): train on the
/// clean set with <see cref="TrainOptions.Optimizer"/> (vanilla SGD, cosine η, by the spec's defaults) from a fresh optimizer.
/// The copy is drawn from its own generator seeded by the run's seed, so a resumed run rebuilds the same copy.
/// </summary>
public sealed class AdversarialInit : TrainingRun
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly AdversarialOptions adv;
    private readonly Dataset corrupted;
    private readonly optim.Optimizer pretrainOptimizer;
    private readonly optim.Optimizer optimizer;

    /// <summary>Prepares to train <paramref name="model"/> (owned by the caller).</summary>
    public AdversarialInit(nn.Module<Tensor, Tensor> model, Dataset train, TrainOptions options, AdversarialOptions adversarial)
        : base(train, options)
    {
        this.model = model;
        adv = adversarial;
        corrupted = Corrupt(train, adversarial.ZeroFraction, options.Seed);
        pretrainOptimizer = Optimizers.Create(adversarial.Optimizer, model.parameters());
        optimizer = Optimizers.Create(options.Optimizer, model.parameters());
        Phase = adversarial.Epochs > 0 ? TrainingPhases.Pretrain : TrainingPhases.Train;
    }

    /// <inheritdoc />
    public override string Algorithm => "adv";

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Solution => model;

    /// <summary>Epochs run in the pre-training phase.</summary>
    public int PretrainEpochs => History.Count(e => e.Phase == TrainingPhases.Pretrain);

    /// <summary>The last exact error on the corrupted copy (NaN before the phase measured one).</summary>
    public double PretrainError => History.LastOrDefault(e => e.Phase == TrainingPhases.Pretrain && e.TrainError is not null)?.TrainError ?? double.NaN;

    /// <summary>Whether pre-training reached <see cref="AdversarialOptions.MaxError"/> on the copy.</summary>
    public bool PretrainConverged => PretrainError <= adv.MaxError;

    /// <summary>
    /// The corrupted copy: labels uniform in [0, C) (C = 2 for one-output tasks), each input value zeroed with probability
    /// ζ; drawn from a generator seeded with <paramref name="seed"/>. Same shapes as <paramref name="train"/>.
    /// </summary>
    public static Dataset Corrupt(Dataset train, double zeta, long seed)
    {
        using var g = new Generator((ulong)seed ^ 0x5eed_ad0e_0000_0001UL);
        using var scope = NewDisposeScope();
        // Drawn on the CPU (where the generator lives), then moved: the same copy on every device.
        var labels = randint(0, train.Classes, train.Labels.shape, generator: g, dtype: ScalarType.Int64).to(train.Labels.device);
        var inputs = train.Inputs.clone();
        if (zeta > 0)
        {
            using var threshold = zeta.ToScalar();
            var keep = rand(train.Inputs.shape, generator: g).ge(threshold).to(train.Inputs.device);
            inputs = inputs.mul(keep.to_type(inputs.dtype));
        }
        return new Dataset(train.Name + "/random-labels", inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), train.Classes);
    }

    /// <inheritdoc />
    protected override EpochReport RunEpoch()
    {
        var clock = Stopwatch.StartNew();
        if (Phase == TrainingPhases.Pretrain)
        {
            var e = PretrainEpochs + 1;
            var steps = (long)StepsPerEpoch;
            var (l, r, eta) = SingleModelEpoch.Run(model, pretrainOptimizer, adv.Optimizer, corrupted, Generator, Options.BatchSize,
                (e - 1) * steps, adv.Epochs * steps, Options.ClipLatentWeights);
            double? err = null;
            if (r <= 2 * adv.MaxError || e == adv.Epochs)
            {
                err = Evaluator.ErrorRate(model, corrupted);
                if (err <= adv.MaxError || e == adv.Epochs) Phase = TrainingPhases.Train;
            }
            return new EpochReport(e, adv.Epochs, l, r, err, eta, clock.Elapsed.TotalSeconds, TrainingPhases.Pretrain);
        }
        var epoch = CleanEpochs + 1;
        var (loss, running, lr) = SingleModelEpoch.Run(model, optimizer, Options.Optimizer, Train, Generator, Options.BatchSize,
            (long)(epoch - 1) * StepsPerEpoch, (long)Options.Epochs * StepsPerEpoch, Options.ClipLatentWeights);
        var exact = CheckConvergence(running, epoch);
        return new EpochReport(epoch, Options.Epochs, loss, running, exact, lr, clock.Elapsed.TotalSeconds);
    }

    /// <inheritdoc />
    protected override void CaptureInto(Dictionary<string, Tensor> tensors, Dictionary<string, byte[]> optimizers)
    {
        Put(tensors, "model", model);
        optimizers["pretrain"] = Optimizers.Save(pretrainOptimizer);
        optimizers["model"] = Optimizers.Save(optimizer);
    }

    /// <inheritdoc />
    protected override void RestoreFrom(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, byte[]> optimizers)
    {
        Take(tensors, "model", model);
        Optimizers.Load(pretrainOptimizer, optimizers["pretrain"]);
        Optimizers.Load(optimizer, optimizers["model"]);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pretrainOptimizer.Dispose();
            optimizer.Dispose();
            corrupted.Dispose();
        }
        base.Dispose(disposing);
    }
}
