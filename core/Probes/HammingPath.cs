using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// A random Hamming path between two binary networks (METHOD.md §4): the K weights (of
/// <see cref="UnitLayout.WeightTensors"/>) whose signs differ are taken from B one at a time, in a random order.
/// Step k ∈ 0..K is A with its first k differing weights replaced by B's; step 0 is A, step K is B, and consecutive
/// steps differ in exactly one weight's sign. Latent weights whose signs agree keep A's values until the last step. Other floating-point tensors (none in the paper's binary nets) move linearly.
/// </summary>
public sealed class HammingPath : IDisposable
{
    private readonly UnitLayout layout;
    private readonly Dictionary<string, Tensor> a;
    private readonly Dictionary<string, Tensor> b;
    private readonly Tensor flatA;
    private readonly Tensor flatB;
    private readonly Tensor order;

    /// <summary>K, the number of steps: how many weights have different signs in A and B.</summary>
    public long Steps { get; }

    /// <summary>Finds the differing weights and draws their order from <paramref name="generator"/>. Inputs are not modified.</summary>
    public HammingPath(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b, Generator generator)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        this.layout = layout;
        this.a = a.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        this.b = b.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        flatA = Flat(this.a);
        flatB = Flat(this.b);
        var differ = Binarization.Sign(flatA).ne(Binarization.Sign(flatB)).nonzero().squeeze(1);
        Steps = differ.numel();
        order = differ.index_select(0, randperm(Steps, generator: generator));
        foreach (var t in this.a.Values.Concat(this.b.Values).Append(flatA).Append(flatB).Append(order)) t.MoveToOuterDisposeScope();
    }

    /// <summary>The network after <paramref name="k"/> flips, k ∈ [0, <see cref="Steps"/>]: a new state dict.</summary>
    public Dictionary<string, Tensor> Step(long k)
    {
        if (k < 0 || k > Steps) throw new ArgumentOutOfRangeException(nameof(k), k, $"a step in [0, {Steps}]");
        using var noGrad = no_grad();
        // The last step is B itself, bit for bit (weights whose signs already agreed keep A's magnitudes before it).
        if (k == Steps) return b.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        using var scope = NewDisposeScope();
        var t = Steps == 0 ? 0.0 : (double)k / Steps;
        var result = Geometry.LinearInterpolation.Point(a, b, t);
        var flat = flatA.clone();
        var taken = order.narrow(0, 0, k);
        flat.index_copy_(0, taken, flatB.index_select(0, taken));
        long offset = 0;
        foreach (var name in layout.WeightTensors)
        {
            var w = a[name];
            result[name] = flat.narrow(0, offset, w.numel()).reshape(w.shape).to(w.dtype);
            offset += w.numel();
        }
        foreach (var v in result.Values) v.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>The step nearest to fraction t of the path: round(t·K).</summary>
    public Dictionary<string, Tensor> Point(double t) => Step((long)Math.Round(t * Steps));

    /// <summary>Disposes the stored copies.</summary>
    public void Dispose()
    {
        foreach (var t in a.Values.Concat(b.Values).Append(flatA).Append(flatB).Append(order)) t.Dispose();
    }

    private Tensor Flat(IReadOnlyDictionary<string, Tensor> sd) =>
        cat(layout.WeightTensors.Select(n => (sd.TryGetValue(n, out var w) ? w : throw new KeyNotFoundException($"state dict has no tensor '{n}'"))
            .to(ScalarType.Float32).flatten()).ToList(), 0);
}
