using Reproduce.Core.Geometry;
using Reproduce.Core.Numerics;
using TorchSharp;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// The geodesic of <see cref="Geodesic.Point"/> prepared for many points: the spheres' rows of A and B, their angles θ
/// and sin θ are computed once (in float64), so a point costs one scaled sum per sphere,
/// w(t) = a·sin((1 − t)θ)/sin θ + b·sin(tθ)/sin θ with the per-row coefficients in float64 and the sum in the weights'
/// dtype (a straight line where θ ≈ 0); biases, BN parameters and buffers move linearly. t = 0 gives A and t = 1 gives B
/// exactly (the coefficients are then exactly 1 and 0).
/// </summary>
public sealed class GeodesicPath : IDisposable
{
    private readonly UnitLayout layout;
    private readonly Dictionary<string, Tensor> a;
    private readonly Dictionary<string, Tensor> b;
    private readonly List<(Tensor A, Tensor B, Tensor Theta, Tensor Straight, Tensor SafeSin)> spheres = [];
    private readonly HashSet<string> onSpheres;

    /// <summary>Entries per elementwise op in <see cref="Write"/>: below ATen's grain size (32768), so each op runs on one thread.</summary>
    public const long SerialElements = 32_000;

    /// <summary>Prepares the path between normalized, aligned A and B (neither is modified).</summary>
    public GeodesicPath(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        this.layout = layout;
        onSpheres = [.. layout.WeightTensors];
        this.a = a.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        this.b = b.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        using var tiny = 1e-12.ToScalar();
        var ra = Spheres.Rows(layout, this.a);
        var rb = Spheres.Rows(layout, this.b);
        for (var k = 0; k < ra.Count; k++)
        {
            var theta = Spheres.Angles(ra[k].Rows, rb[k].Rows);
            var straight = theta.lt(tiny);
            var safeSin = where(straight, ones_like(theta), theta.sin());
            var dtype = k < layout.Groups.Count ? this.a[layout.Groups[k].Incoming[0].Tensor].dtype : this.a[layout.Output.Weight!].dtype;
            spheres.Add((ra[k].Rows.to(dtype), rb[k].Rows.to(dtype), theta, straight, safeSin));
        }
        foreach (var t in this.a.Values.Concat(this.b.Values)) t.MoveToOuterDisposeScope();
        foreach (var s in spheres) foreach (var t in new[] { s.A, s.B, s.Theta, s.Straight, s.SafeSin }) t.MoveToOuterDisposeScope();
    }

    /// <summary>The point at fraction t ∈ [0, 1]: a new state dict in the current dispose scope.</summary>
    public Dictionary<string, Tensor> Point(double t)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Only the tensors off the spheres move linearly; the sphere tensors are written from their rows below. Every big
        // elementwise op is a parallel region, which stalls on a busy machine: two per sphere here (mul, addcmul).
        var result = new Dictionary<string, Tensor>();
        using var weight = tensor(t); // lerp's weight: a 0-dim float64 tensor, held for the calls
        using var s = (1 - t).ToScalar();
        using var tt = t.ToScalar();
        foreach (var (name, ta) in a)
            result[name] = onSpheres.Contains(name) ? ta
                : ta.is_floating_point() ? ta.lerp(b[name], weight) : ta.clone();
        var rows = new List<Tensor>();
        foreach (var (ra, rb, theta, straight, safeSin) in spheres)
        {
            var ca = where(straight, full_like(theta, s), theta.mul(s).sin().div(safeSin)).to(ra.dtype).unsqueeze(1);
            var cb = where(straight, full_like(theta, tt), theta.mul(tt).sin().div(safeSin)).to(ra.dtype).unsqueeze(1);
            rows.Add(ra.mul(ca).addcmul_(rb, cb, Scalars.One));
        }
        Spheres.Write(layout, result, rows);
        foreach (var (name, v) in result)
            if (!onSpheres.Contains(name)) v.MoveToOuterDisposeScope();
        foreach (var name in onSpheres) result[name].MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>
    /// Writes the point at fraction t ∈ [0, 1] into <paramref name="target"/>'s own tensors (every name of A, same shapes,
    /// e.g. <see cref="NetworkEvaluator.State"/>), equal to <see cref="Point"/>(t) bit for bit, without allocating a state
    /// dict: per sphere copy, scale and add into the incoming weight viewed as (units, fan_in), three passes in place, in
    /// blocks of rows small enough to run on the calling thread; the other tensors a copy and an in-place lerp. Run it
    /// under no_grad when the targets are parameters.
    /// </summary>
    public void Write(IReadOnlyDictionary<string, Tensor> target, double t)
    {
        using var scope = NewDisposeScope();
        using var weight = tensor(t); // lerp_'s weight: a 0-dim float64 tensor, held for the calls
        using var s = (1 - t).ToScalar();
        using var tt = t.ToScalar();
        foreach (var (name, ta) in a)
        {
            if (onSpheres.Contains(name)) continue;
            var to = target[name];
            to.copy_(ta);
            if (ta.is_floating_point()) to.lerp_(b[name], weight);
        }
        for (var k = 0; k < spheres.Count; k++)
        {
            var (ra, rb, theta, straight, safeSin) = spheres[k];
            var ca = where(straight, full_like(theta, s), theta.mul(s).sin().div(safeSin)).to(ra.dtype).unsqueeze(1);
            var cb = where(straight, full_like(theta, tt), theta.mul(tt).sin().div(safeSin)).to(ra.dtype).unsqueeze(1);
            if (RowsView(target, k) is { } rows)
            {
                // In blocks of rows of at most SerialElements entries: ATen runs an elementwise op that small on the
                // calling thread, while a parallel one waits for every worker, which on busy cores can be descheduled
                // for a whole time slice (tens of ms per point measured with 2 threads, against ~1 ms of work).
                var step = Math.Max(1, SerialElements / rows.shape[1]);
                for (long r = 0; r < rows.shape[0]; r += step)
                {
                    var n = Math.Min(step, rows.shape[0] - r);
                    rows.narrow(0, r, n).copy_(ra.narrow(0, r, n)).mul_(ca.narrow(0, r, n)).addcmul_(rb.narrow(0, r, n), cb.narrow(0, r, n), Scalars.One);
                }
                continue;
            }
            // A unit whose incoming vector spans several tensors (or another axis than 0): built, then copied into them.
            var group = layout.Groups[k];
            var w = ra.mul(ca).addcmul_(rb, cb, Scalars.One);
            long offset = 0;
            foreach (var axis in group.Incoming)
            {
                var moved = target[axis.Tensor].movedim([axis.Axis], [0]);
                var width = moved.numel() / group.Units;
                moved.copy_(w.narrow(1, offset, width).reshape(moved.shape));
                offset += width;
            }
        }
    }

    /// <summary>Loads the point at fraction t into <paramref name="evaluator"/>'s module in place (<see cref="Write"/>), BN statistics as <see cref="NetworkEvaluator.Load"/>.</summary>
    public void Load(NetworkEvaluator evaluator, double t) => evaluator.LoadWith(state => Write(state, t));

    /// <summary>Sphere k's rows as a view of the target's tensor: (units, fan_in), or (1, #W_L) for the output weight; null when no view exists.</summary>
    private Tensor? RowsView(IReadOnlyDictionary<string, Tensor> target, int k)
    {
        if (k == layout.Groups.Count) return target[layout.Output.Weight!].view(1, -1);
        var group = layout.Groups[k];
        if (group.Incoming.Count != 1 || group.Incoming[0].Axis != 0) return null;
        var t = target[group.Incoming[0].Tensor];
        return t.is_contiguous() ? t.view(group.Units, -1) : null;
    }

    /// <summary>Frees the prepared tensors.</summary>
    public void Dispose()
    {
        foreach (var t in a.Values.Concat(b.Values)) t.Dispose();
        foreach (var s in spheres) foreach (var t in new[] { s.A, s.B, s.Theta, s.Straight, s.SafeSin }) t.Dispose();
    }
}
