using Reproduce.Core.Data;
using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// The one evaluator: the 0-1 error of a network on a data set, in large batches, without gradients.
/// Prediction is argmax of the logits, or sign for a network with a single output (class 1 when ≥ 0, as
/// <see cref="Models.Prediction"/>: sign(0) = +1).
/// Every probe goes through it, so it stays allocation-light: batches are views, the error count accumulates on the device.
/// </summary>
public static class Evaluator
{
    /// <summary>Default batch size: large enough to keep GEMMs efficient, small enough for L2-friendly activations.</summary>
    public const int DefaultBatch = 4096;

    /// <summary>Fraction of misclassified samples of <paramref name="data"/> (in [0, 1]). Puts the model in eval mode.</summary>
    public static double ErrorRate(nn.Module<Tensor, Tensor> model, Dataset data, int batch = DefaultBatch) => Pass(model, data, batch, false).Error;

    /// <summary>
    /// Mean data loss (<see cref="Training.DataLoss"/>, accumulated in float64) and fraction misclassified of <paramref name="data"/>, in
    /// one pass; the error equals <see cref="ErrorRate"/>'s. Puts the model in eval mode.
    /// </summary>
    public static (double Loss, double Error) LossAndErrorRate(nn.Module<Tensor, Tensor> model, Dataset data, int batch = DefaultBatch) =>
        Pass(model, data, batch, true);

    private static (double Loss, double Error) Pass(nn.Module<Tensor, Tensor> model, Dataset data, int batch, bool withLoss)
    {
        if (data.Count == 0) throw new ArgumentException($"{data.Name} is empty", nameof(data));
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var wrong = zeros(1, ScalarType.Int64, data.Inputs.device);
        var lossSum = zeros(1, ScalarType.Float64, data.Inputs.device);
        for (long start = 0; start < data.Count; start += batch)
        {
            var n = Math.Min(batch, data.Count - start);
            var x = data.Inputs.narrow(0, start, n);
            var y = data.Labels.narrow(0, start, n);
            var logits = model.call(x);
            wrong.add_(Predict(logits).ne(y).sum(), Scalars.One);
            if (!withLoss) continue;
            using var count = n.ToScalar();
            lossSum.add_(Training.DataLoss.Of(logits, y).to_type(ScalarType.Float64).mul(count), Scalars.One);
        }
        return (withLoss ? lossSum.item<double>() / data.Count : double.NaN, wrong.item<long>() / (double)data.Count);
    }

    /// <summary>Predicted classes (n) of logits (n, k): argmax, or (logit ≥ 0) when k = 1 (sign(0) = +1).</summary>
    public static Tensor Predict(Tensor logits) =>
        logits.shape[1] == 1 ? logits.squeeze(1).ge(Scalars.Zero).to_type(ScalarType.Int64) : logits.argmax(1);
}
