using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// Minibatch SGD (Nesterov momentum by default) on cross-entropy, cosine-annealed per step, no regularization, until the
/// train error reaches the threshold or the epoch cap: a one-call facade over <see cref="Sgd"/>. Deterministic on CPU for
/// a given seed and initial weights.
/// </summary>
public static class SgdTraining
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="train"/>; <paramref name="onEpoch"/> sees each epoch.</summary>
    public static TrainResult Train(nn.Module<Tensor, Tensor> model, Dataset train, SgdOptions o, Action<EpochReport>? onEpoch = null,
        CancellationToken cancel = default)
    {
        var options = new TrainOptions(OptimizerOptions.Sgd(o.LearningRate, o.Momentum, o.Nesterov), o.BatchSize, o.Epochs, o.MaxTrainError, o.Seed);
        using var run = new Sgd(model, train, options);
        return run.Run(onEpoch, cancel);
    }
}
