using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>One optimizer step on one minibatch, shared by every algorithm.</summary>
internal static class MinibatchStep
{
    /// <summary>
    /// zero_grad, loss = data loss (+ <paramref name="penalty"/>), backward, step, then clamps every parameter to [−1, 1] when
    /// <paramref name="clip"/>. Adds count·loss to <paramref name="lossSum"/> (float64) and the minibatch's errors before the
    /// update to <paramref name="wrong"/> (int64). xb: (b, ...), yb: (b).
    /// </summary>
    public static void Take(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor xb, Tensor yb, Func<Tensor>? penalty, bool clip,
        Tensor lossSum, Tensor wrong)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = model.call(xb);
        var data = DataLoss.Of(logits, yb);
        var loss = penalty is null ? data : data.add(penalty(), Scalars.One);
        loss.backward();
        optimizer.step();
        using (no_grad())
        {
            if (clip)
                foreach (var p in model.parameters()) p.clamp_(Scalars.MinusOne, Scalars.One);
            using var count = yb.shape[0].ToScalar();
            lossSum.add_(data, alpha: count); // in float64: the product of a float32 and a count ≤ 2^29 is exact
            wrong.add_(Probes.Evaluator.Predict(logits).ne(yb).sum(), Scalars.One);
        }
    }

    /// <summary>
    /// The minibatch of <paramref name="data"/> at positions [start, start + count) of the epoch's permutation
    /// <paramref name="order"/>: (inputs (count, ...), labels (count)). Gathered per step rather than for the whole epoch up
    /// front, so an epoch allocates one minibatch at a time instead of a shuffled copy of the train set per model (RSGD: per
    /// replica); the same rows in the same order, so the same bits.
    /// </summary>
    public static (Tensor X, Tensor Y) Gather(Data.Dataset data, Tensor order, long start, long count)
    {
        var index = order.narrow(0, start, count);
        return (data.Inputs.index_select(0, index), data.Labels.index_select(0, index));
    }

    /// <summary>Mean data loss of <paramref name="model"/> on <paramref name="data"/> without gradients (eval mode).</summary>
    public static double MeanLoss(nn.Module<Tensor, Tensor> model, Data.Dataset data, int batch = Probes.Evaluator.DefaultBatch)
    {
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var sum = zeros(1, ScalarType.Float64);
        for (long start = 0; start < data.Count; start += batch)
        {
            var n = Math.Min(batch, data.Count - start);
            using var count = n.ToScalar();
            sum.add_(DataLoss.Of(model.call(data.Inputs.narrow(0, start, n)), data.Labels.narrow(0, start, n)).to_type(ScalarType.Float64).mul(count), Scalars.One);
        }
        return sum.item<double>() / data.Count;
    }
}
