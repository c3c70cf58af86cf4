using System.Diagnostics;
using Reproduce.Core.Data;
using Reproduce.Core.Probes;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// Minibatch SGD (Nesterov momentum by default) on cross-entropy, cosine-annealed per step, no regularization,
/// until the train error reaches the threshold or the epoch cap. Deterministic on CPU for a given seed and
/// initial weights: the minibatch order comes from a generator seeded with <see cref="SgdOptions.Seed"/>.
/// </summary>
public static class SgdTraining
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="train"/>; <paramref name="onEpoch"/> sees each epoch.</summary>
    public static TrainResult Train(nn.Module<Tensor, Tensor> model, Dataset train, SgdOptions o, Action<EpochReport>? onEpoch = null,
        CancellationToken cancel = default)
    {
        var n = train.Count;
        var stepsPerEpoch = (n + o.BatchSize - 1) / o.BatchSize;
        var totalSteps = stepsPerEpoch * o.Epochs;
        using var optimizer = optim.SGD(model.parameters(), o.LearningRate, o.Momentum, 0, 0, o.Nesterov);
        var group = optimizer.ParamGroups.Single();
        using var generator = new Generator((ulong)o.Seed);
        var history = new List<EpochReport>();
        var clock = Stopwatch.StartNew();
        var converged = false;
        double trainError = double.NaN;
        long step = 0;

        for (var epoch = 1; epoch <= o.Epochs && !converged; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            model.train();
            double lr = o.LearningRate, lossSum, wrongSum;
            using (var scope = NewDisposeScope())
            {
                var order = randperm(n, generator: generator);
                var x = train.Inputs.index_select(0, order);
                var y = train.Labels.index_select(0, order);
                var loss = zeros(1, ScalarType.Float64);
                var wrong = zeros(1, ScalarType.Int64);
                for (long start = 0; start < n; start += o.BatchSize, step++)
                {
                    using var inner = NewDisposeScope();
                    lr = o.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps));
                    group.LearningRate = lr;
                    var count = Math.Min(o.BatchSize, n - start);
                    var xb = x.narrow(0, start, count);
                    var yb = y.narrow(0, start, count);
                    optimizer.zero_grad();
                    var logits = model.call(xb);
                    var l = nn.functional.cross_entropy(logits, yb);
                    l.backward();
                    optimizer.step();
                    using (no_grad())
                    {
                        loss.add_(l.detach().to_type(ScalarType.Float64) * count);
                        wrong.add_(logits.argmax(1).ne(yb).sum());
                    }
                }
                lossSum = loss.item<double>();
                wrongSum = wrong.item<long>();
            }
            var running = wrongSum / n;
            double? exact = null;
            // The exact error costs an inference pass; take it only when the running estimate says we may be there, or at the end.
            if (running <= 2 * o.MaxTrainError || epoch == o.Epochs)
            {
                exact = trainError = Evaluator.ErrorRate(model, train);
                converged = trainError <= o.MaxTrainError;
            }
            var report = new EpochReport(epoch, o.Epochs, lossSum / n, running, exact, lr, epochClock.Elapsed.TotalSeconds);
            history.Add(report);
            onEpoch?.Invoke(report);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        if (double.IsNaN(trainError)) trainError = Evaluator.ErrorRate(model, train);
        return new TrainResult(history.Count, converged, trainError, seconds, history);
    }
}
