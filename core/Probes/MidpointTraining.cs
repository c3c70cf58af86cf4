using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// Trains an optimized path's midpoint (METHOD.md §4, App. B: "the middle point has been optimized using the same parameters
/// of SGD-type solutions ... in order to reach zero training error"): from M₀ with the SGD-type solutions' update rule,
/// schedule, minibatch size and latent clipping (<see cref="TrainOptions"/>), over the midpoint's own epoch cap. Its exact
/// train error is checked <c>checksPerEpoch</c> times per epoch (and at each epoch's end), so training stops as soon as the
/// threshold is reached; the best state seen, M₀ included, is kept, so M is never worse than M₀; an M₀ already at the
/// threshold is returned untrained. With <c>stopOnLossRise</c>, a check whose mean train loss is above M₀'s ends the training as unstable
/// (<see cref="MidpointOptions.RestartOnLossRise"/>). Batch-norm nets are evaluated with the running statistics of the evaluated weights
/// (recomputed on the train set), as every point of a path is.
/// </summary>
public static class MidpointTraining
{
    /// <summary>
    /// Trains from <paramref name="start"/> (not modified) on <paramref name="train"/>; minibatch order from a generator
    /// seeded by <c>options.Seed</c>. The result's state is a new state dict the caller owns.
    /// </summary>
    public static MidpointResult Train(Architecture architecture, IReadOnlyDictionary<string, Tensor> start, Dataset train, TrainOptions options,
        int checksPerEpoch, Action<double>? progress = null, CancellationToken cancel = default, bool stopOnLossRise = false)
    {
        if (checksPerEpoch < 1) throw new ArgumentOutOfRangeException(nameof(checksPerEpoch), checksPerEpoch, "at least one check per epoch");
        using var module = architecture.Create();
        using (no_grad())
            foreach (var (name, t) in module.state_dict()) t.copy_(start[name]);
        // Train error, and the mean train loss where a rise of it stops the training (NaN otherwise: not computed).
        (double Loss, double Error) Measure()
        {
            BatchNormStatistics.Recompute(module, train, Evaluator.DefaultBatch);
            return stopOnLossRise ? Evaluator.LossAndErrorRate(module, train) : (double.NaN, Evaluator.ErrorRate(module, train));
        }
        var (startLoss, startError) = Measure();
        var best = Snapshot(module);
        var bestError = startError;
        if (startError <= options.MaxTrainError) return new MidpointResult(best, startError, startError, true, 0, false);

        using var optimizer = Optimizers.Create(options.Optimizer, module.parameters());
        using var generator = new Generator((ulong)options.Seed);
        var n = train.Count;
        var stepsPerEpoch = (n + options.BatchSize - 1) / options.BatchSize;
        var total = options.Epochs * stepsPerEpoch;
        var interval = Math.Max(1, stepsPerEpoch / checksPerEpoch);
        long step = 0;
        var (converged, diverged, unstable) = (false, false, false);
        for (var epoch = 0; epoch < options.Epochs && !converged && !diverged && !unstable; epoch++)
        {
            using var scope = NewDisposeScope();
            var order = randperm(n, generator: generator).to(train.Inputs.device);
            var lossSum = zeros(1, ScalarType.Float64);
            var wrong = zeros(1, ScalarType.Int64);
            module.train();
            for (long first = 0; first < n; first += options.BatchSize)
            {
                cancel.ThrowIfCancellationRequested();
                using (var inner = NewDisposeScope())
                {
                    Optimizers.SetLearningRate(optimizer, options.Optimizer.LearningRateAt(step, total, stepsPerEpoch));
                    var (xb, yb) = MinibatchStep.Gather(train, order, first, Math.Min(options.BatchSize, n - first));
                    MinibatchStep.Take(module, optimizer, xb, yb, null, options.ClipLatentWeights, lossSum, wrong);
                }
                step++;
                if (step % interval != 0 && first + options.BatchSize < n) continue;
                if (!module.parameters().All(p => p.isfinite().all().item<bool>()))
                {
                    diverged = true;
                    break;
                }
                var (loss, error) = Measure();
                if (stopOnLossRise && !(loss <= startLoss))
                {
                    unstable = true;
                    break;
                }
                if (error < bestError)
                {
                    foreach (var t in best.Values) t.Dispose();
                    (best, bestError) = (Snapshot(module), error);
                }
                progress?.Invoke((double)step / total);
                if (error <= options.MaxTrainError)
                {
                    converged = true;
                    break;
                }
                module.train();
            }
        }
        return new MidpointResult(best, startError, bestError, converged, step, diverged, unstable);
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
}
