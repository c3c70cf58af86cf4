using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>One epoch of minibatch training of one model: a fresh permutation from the generator, then one step per minibatch.</summary>
internal static class SingleModelEpoch
{
    /// <summary>
    /// Trains <paramref name="model"/> for one epoch of <paramref name="data"/>; the learning rate of step s (counted from
    /// <paramref name="firstStep"/>) follows <paramref name="o"/>'s schedule over <paramref name="totalSteps"/>.
    /// Returns the mean data loss, the running error and the last learning rate.
    /// </summary>
    public static (double Loss, double RunningError, double LearningRate) Run(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer,
        OptimizerOptions o, Dataset data, Generator generator, int batchSize, long firstStep, long totalSteps, bool clip)
    {
        model.train();
        var n = data.Count;
        var lr = o.LearningRate;
        using var scope = NewDisposeScope();
        var order = randperm(n, generator: generator).to(data.Inputs.device);
        var loss = zeros(1, ScalarType.Float64);
        var wrong = zeros(1, ScalarType.Int64);
        var step = firstStep;
        var stepsPerEpoch = (n + batchSize - 1) / batchSize;
        for (long start = 0; start < n; start += batchSize, step++)
        {
            lr = o.LearningRateAt(step, totalSteps, stepsPerEpoch);
            Optimizers.SetLearningRate(optimizer, lr);
            using var inner = NewDisposeScope();
            var (xb, yb) = MinibatchStep.Gather(data, order, start, Math.Min(batchSize, n - start));
            MinibatchStep.Take(model, optimizer, xb, yb, null, clip, loss, wrong);
        }
        return (loss.item<double>() / n, wrong.item<long>() / (double)n, lr);
    }
}
