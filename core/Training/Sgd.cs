using System.Diagnostics;
using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// Plain minibatch training (METHOD.md §6, SGD): the options' optimizer (Nesterov SGD for the paper's continuous nets,
/// Adam for its binary nets) on the data loss, cosine-annealed per step over the epoch cap, no regularization.
/// Trains the given model in place (the caller owns it).
/// </summary>
public sealed class Sgd : TrainingRun
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly optim.Optimizer optimizer;

    /// <summary>Prepares to train <paramref name="model"/> on <paramref name="train"/>.</summary>
    public Sgd(nn.Module<Tensor, Tensor> model, Dataset train, TrainOptions options) : base(train, options)
    {
        this.model = model;
        optimizer = Optimizers.Create(options.Optimizer, model.parameters());
    }

    /// <inheritdoc />
    public override string Algorithm => "sgd";

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Solution => model;

    /// <inheritdoc />
    protected override EpochReport RunEpoch()
    {
        var clock = Stopwatch.StartNew();
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
        optimizers["model"] = Optimizers.Save(optimizer);
    }

    /// <inheritdoc />
    protected override void RestoreFrom(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, byte[]> optimizers)
    {
        Take(tensors, "model", model);
        Optimizers.Load(optimizer, optimizers["model"]);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) optimizer.Dispose();
        base.Dispose(disposing);
    }
}
