using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// The data loss of every algorithm: cross-entropy over C outputs, and for a single output z (binary tasks, labels 0/1)
/// its two-class form, the logistic loss BCE-with-logits(z, y) = log(1 + exp(−(2y − 1)·z)).
/// </summary>
public static class DataLoss
{
    /// <summary>Mean loss of logits (n, C) against labels (n) int64.</summary>
    public static Tensor Of(Tensor logits, Tensor labels) => logits.shape[1] == 1
        ? nn.functional.binary_cross_entropy_with_logits(logits.squeeze(1), labels.to_type(logits.dtype))
        : nn.functional.cross_entropy(logits, labels);
}
