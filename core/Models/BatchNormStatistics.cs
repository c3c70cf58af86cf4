using Reproduce.Core.Data;
using static TorchSharp.torch;

namespace Reproduce.Core.Models;

/// <summary>
/// The running statistics of a batch-norm net's own weights: the statistics stored with a network are those of the weights
/// it was trained through, not of the point it is (a point on a path, the mean of RSGD's replicas). METHOD.md §4, §6.
/// </summary>
public static class BatchNormStatistics
{
    /// <summary>The batch-norm layers of <paramref name="module"/>, in module order (empty for nets without BN).</summary>
    public static IReadOnlyList<TorchSharp.Modules.BatchNorm> Layers(nn.Module module) => module.modules().OfType<TorchSharp.Modules.BatchNorm>().ToList();

    /// <summary>
    /// Resets every BN layer's running mean and variance, then runs one train-mode pass over <paramref name="data"/>'s inputs
    /// in batches of <paramref name="batch"/> with momentum 1/(k+1) on batch k, which makes them the average of the batch
    /// statistics (PyTorch's momentum = None). Parameters are not changed; the layers' momenta and the module's eval mode are
    /// restored. A net without BN is left as it is.
    /// </summary>
    public static void Recompute(nn.Module<Tensor, Tensor> module, Dataset data, int batch)
    {
        var layers = Layers(module);
        if (layers.Count == 0) return;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var momenta = layers.Select(bn => bn.momentum).ToList();
        foreach (var bn in layers) bn.reset_running_stats();
        module.train();
        var k = 0;
        for (long start = 0; start < data.Count; start += batch, k++)
        {
            using var inner = NewDisposeScope();
            var n = Math.Min(batch, data.Count - start);
            foreach (var bn in layers) bn.momentum = 1.0 / (k + 1);
            module.call(data.Inputs.narrow(0, start, n));
        }
        for (var i = 0; i < layers.Count; i++) layers[i].momentum = momenta[i];
        module.eval();
    }
}
