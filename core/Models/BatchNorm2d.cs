using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Models;

/// <summary>
/// Batch norm over the channels of (n, C, H, W), TorchSharp's <c>BatchNorm</c> with a forward that holds its Scalars:
/// TorchSharp 0.107's BatchNorm2d counts batches with <c>num_batches_tracked.add_(1)</c>, an implicit Scalar a garbage
/// collection on another thread can free while libtorch reads it (issue 13). The same parameters, buffers and state-dict
/// names (<c>weight</c>, <c>bias</c> (C); <c>running_mean</c>, <c>running_var</c> (C); <c>num_batches_tracked</c> ()), the
/// same arithmetic: y = γ·(x − μ)/√(v + ε) + β, with the batch's statistics in train mode (running ones updated with
/// <c>momentum</c>, or the cumulative average when it is null) and the running ones in eval mode.
/// </summary>
public sealed class BatchNorm2d : TorchSharp.Modules.BatchNorm
{
    /// <summary>Batch norm over <paramref name="features"/> channels: γ = 1, β = 0, μ = 0, v = 1.</summary>
    public BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1)
        : base(features, eps, momentum, affine: true, track_running_stats: true, device: null, dtype: null, name: "BatchNorm2d")
    {
    }

    /// <inheritdoc />
    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != 4) throw new ArgumentException($"expected 4D input (n, C, H, W), but got {input.ndim}D input");
    }

    /// <summary>x: (n, C, H, W) → y, same shape.</summary>
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        var factor = momentum ?? 0.0;
        if (training && track_running_stats && num_batches_tracked is { } tracked)
        {
            using (no_grad()) tracked.add_(Scalars.One, Scalars.One);
            if (momentum is null) factor = 1.0 / tracked.item<long>();
        }
        var useBatchStatistics = training || (running_mean is null && running_var is null);
        var keep = !training || track_running_stats;
        return nn.functional.batch_norm(input, keep ? running_mean : null, keep ? running_var : null, weight, bias, useBatchStatistics, factor, eps);
    }
}
