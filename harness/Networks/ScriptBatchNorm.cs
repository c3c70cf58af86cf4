using Reproduce.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks;

/// <summary>
/// Recomputes the batch-norm running statistics of a TorchScript module for the weights it holds (METHOD.md §4: a point
/// on a path gets the statistics of its own weights), to the same result as <see cref="Core.Probes.NetworkEvaluator"/>
/// gives a built-in net: μ and v of each BN become the average over the train batches of the batch mean and the unbiased
/// batch variance (PyTorch's momentum=None). A script's batch norms are not TorchSharp modules whose momentum could be
/// set, so the update factor f of each BN (its momentum, or 1 for momentum=None) is measured once: after one train-mode
/// pass from running statistics 1 and one from 0 on the same batch, μ_1 − μ_0 = 1 − f. Each batch then runs from
/// statistics 0 (and num_batches_tracked 0), so its BN's buffers hold f·(batch mean, batch variance). BNs are found by
/// their buffers' names: <c>&lt;p&gt;.running_mean</c> with <c>&lt;p&gt;.running_var</c> (and <c>&lt;p&gt;.num_batches_tracked</c>).
/// </summary>
public sealed class ScriptBatchNorm
{
    private readonly IReadOnlyList<(string Mean, string Var, string? Tracked)> norms;
    private double[]? factors;

    private ScriptBatchNorm(IReadOnlyList<(string, string, string?)> norms) => this.norms = norms;

    /// <summary>The batch norms of a state dict (buffer names), or null when it has none.</summary>
    public static ScriptBatchNorm? For(IReadOnlyDictionary<string, Tensor> state)
    {
        const string mean = "running_mean";
        var found = state.Keys.Where(k => k.EndsWith(mean, StringComparison.Ordinal) && state.ContainsKey(k[..^mean.Length] + "running_var"))
            .Select(k => (k, k[..^mean.Length] + "running_var", state.ContainsKey(k[..^mean.Length] + "num_batches_tracked") ? k[..^mean.Length] + "num_batches_tracked" : null))
            .ToList();
        return found.Count == 0 ? null : new ScriptBatchNorm(found);
    }

    /// <summary>Number of batch norms found.</summary>
    public int Count => norms.Count;

    /// <summary>
    /// Sets every BN's running statistics to those of <paramref name="train"/> in batches of <paramref name="batch"/>
    /// under the module's current weights; leaves the module in eval mode. The signature of
    /// <see cref="Core.Probes.NetworkEvaluator"/>'s recompute hook.
    /// </summary>
    public void Recompute(nn.Module<Tensor, Tensor> module, Dataset train, int batch)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var state = module.state_dict();
        var buffers = norms.Select(n => (Mean: state[n.Mean], Var: state[n.Var], Tracked: n.Tracked is null ? null : state[n.Tracked])).ToList();
        using var one = 1.0.ToScalar();
        module.train();
        try
        {
            factors ??= Calibrate(module, buffers, train.Inputs.narrow(0, 0, Math.Min(batch, train.Count)), one);
            var sums = buffers.Select(b => (Mean: zeros_like(b.Mean, ScalarType.Float64), Var: zeros_like(b.Var, ScalarType.Float64))).ToList();
            long batches = 0;
            for (long start = 0; start < train.Count; start += batch, batches++)
            {
                Reset(buffers, null);
                module.call(train.Inputs.narrow(0, start, Math.Min(batch, train.Count - start)));
                for (var i = 0; i < buffers.Count; i++)
                {
                    using var inverse = (1.0 / factors[i]).ToScalar();
                    sums[i].Mean.add_(buffers[i].Mean.to(ScalarType.Float64).mul(inverse), one);
                    sums[i].Var.add_(buffers[i].Var.to(ScalarType.Float64).mul(inverse), one);
                }
            }
            using var average = (1.0 / batches).ToScalar();
            using var count = batches.ToScalar();
            for (var i = 0; i < buffers.Count; i++)
            {
                buffers[i].Mean.copy_(sums[i].Mean.mul(average));
                buffers[i].Var.copy_(sums[i].Var.mul(average));
                buffers[i].Tracked?.fill_(count);
            }
        }
        finally
        {
            module.eval();
        }
    }

    private double[] Calibrate(nn.Module<Tensor, Tensor> module, IReadOnlyList<(Tensor Mean, Tensor Var, Tensor? Tracked)> buffers, Tensor x, Scalar one)
    {
        Reset(buffers, one);
        module.call(x);
        var fromOne = buffers.Select(b => b.Mean.to(ScalarType.Float64).clone()).ToList();
        Reset(buffers, null);
        module.call(x);
        var result = new double[buffers.Count];
        using var minusOne = (-1.0).ToScalar();
        for (var i = 0; i < buffers.Count; i++)
        {
            // μ_1 − μ_0 = (1 − f)·1 exactly up to float32 rounding (~6e-8): f is measured to that precision, then snapped to
            // four decimals when that close (momenta are written 0.1, 0.01, …), so the division below costs no precision.
            var f = buffers[i].Mean.to(ScalarType.Float64).add(fromOne[i], minusOne).add(one, one);
            var mean = f.mean().item<double>();
            var spread = f.add(f.mean(), minusOne).abs().max().item<double>();
            if (!(mean > 1e-6) || spread > 1e-3)
                throw new InvalidOperationException($"batch norm '{norms[i].Mean[..^"running_mean".Length].TrimEnd('.')}' did not update its running statistics " +
                    "in train mode as a batch norm does (was the model traced in eval mode? save it with torch.jit.script, or turn the recomputation off)");
            var snapped = Math.Round(mean, 4);
            result[i] = Math.Abs(snapped - mean) < 1e-5 ? snapped : mean;
        }
        return result;
    }

    private static void Reset(IEnumerable<(Tensor Mean, Tensor Var, Tensor? Tracked)> buffers, Scalar? value)
    {
        foreach (var (mean, var, tracked) in buffers)
        {
            if (value is null) { mean.zero_(); var.zero_(); }
            else { mean.fill_(value); var.fill_(value); }
            tracked?.zero_();
        }
    }
}
