using Reproduce.Core.Numerics;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Symmetry;

/// <summary>Small networks of every architecture with random parameters and buffers, from fixed seeds.</summary>
internal static class SomeNetworks
{
    /// <summary>
    /// One small instance per architecture. Binary widths are odd so that no pre-activation of ±1 inputs is 0
    /// (where sign(−z) = −sign(z) fails); binary-conv's flatten block is 3·3 = 9, LeNet's 4·4 = 16.
    /// </summary>
    public static readonly string[] Architectures =
    [
        "mlp:12,9,7,5", "lenet:4,6,8,5,1,16", "vgg16bn:16,10", "binary-mlp:11,9,7,3",
        "binary-conv:1,24,3,5,7,3", "perceptron:15", "committee:15,5",
    ];

    /// <summary>xunit data: every architecture of <see cref="Architectures"/>.</summary>
    public static TheoryData<string> All => new(Architectures);

    /// <summary>
    /// A random state dict: weights N(0, 1/fan_in), biases and BN β N(0, 0.25), BN γ ±U(0.5, 1.5), running means
    /// N(0, 0.25), running variances U(0.5, 2); integer buffers kept.
    /// </summary>
    public static Dictionary<string, Tensor> Network(Architecture arch, int seed)
    {
        using var module = arch.Create();
        var g = new Generator((ulong)seed);
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, t) in module.state_dict())
        {
            var shape = t.shape;
            using var fan = Math.Sqrt(t.dim() > 1 ? t.numel() / shape[0] : 1).ToScalar();
            result[name] = !t.is_floating_point() ? t.detach().clone()
                : name.EndsWith("running_var") ? rand(shape, generator: g).mul(OneAndAHalf).add(Half, Scalars.One)
                : name.EndsWith("running_mean") ? randn(shape, generator: g).mul(Half)
                : t.dim() > 1 ? randn(shape, generator: g).div(fan)
                : IsBatchNormWeight(arch, name) ? rand(shape, generator: g).add(Half, Scalars.One).mul(randint(0, 2, shape, generator: g).mul(Scalars.Two).sub(Scalars.One))
                : randn(shape, generator: g).mul(Half);
        }
        return result;
    }

    /// <summary>Inputs x: (n, ...input shape) drawn N(0, 1).</summary>
    public static Tensor Inputs(Architecture arch, int n, int seed) =>
        randn([n, .. arch.InputShape], generator: new Generator((ulong)seed));

    /// <summary>The network's output (n, outputs) in eval mode for the state dict.</summary>
    public static Tensor Outputs(Architecture arch, IReadOnlyDictionary<string, Tensor> sd, Tensor x)
    {
        using var module = arch.Create();
        module.load_state_dict(sd.ToDictionary(kv => kv.Key, kv => kv.Value));
        module.eval();
        using var noGrad = no_grad();
        return module.call(x);
    }

    /// <summary>
    /// A copy of the same function with every symmetry exercised: units of each group permuted at random;
    /// ReLU units rescaled by s ∈ [0.3, 3] (and BN filters by another such s); sign units flipped at random;
    /// the output layer scaled by a positive factor; binary latent weights scaled by positive factors.
    /// </summary>
    public static Dictionary<string, Tensor> Scrambled(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, int seed)
    {
        var g = new Generator((ulong)seed);
        var work = sd.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        foreach (var group in layout.Groups)
        {
            UnitTransform.Permute(work, group, randperm(group.Units, generator: g));
            if (group.Symmetry == UnitSymmetry.PositiveScale)
            {
                if (group.BatchNorm is not null) UnitTransform.ScalePreActivations(work, group, Scales(group.Units, g));
                UnitTransform.ScaleUnits(work, group, Scales(group.Units, g));
            }
            if (group.Symmetry == UnitSymmetry.Sign)
                UnitTransform.FlipUnits(work, group, randint(0, 2, [group.Units], generator: g).mul(Scalars.Two).sub(Scalars.One).to(ScalarType.Float32));
        }
        if (layout.Output.Weight is { } w) work[w] = work[w].mul(TwoAndAHalf);
        if (layout.Output.Bias is { } b) work[b] = work[b].mul(TwoAndAHalf);
        if (layout.Binary)
            foreach (var name in layout.WeightTensors) work[name] = work[name].mul(rand([1], generator: g).add(Half, Scalars.One));
        return work;
    }

    /// <summary>
    /// B normalized and aligned to normalized A, as a test of "aligns back" needs it. Continuous nets: Align(N(A), N(B))
    /// (raw cosines are not scale-free across layers). Binary nets: N(Align(A, B)) on the latent weights: on tiny
    /// ±1 nets two units often share a sign vector, a tie no matching can resolve, while latent weights never tie.
    /// </summary>
    public static Dictionary<string, Tensor> AlignedBack(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b) =>
        layout.Binary
            ? UnitNormalization.Normalize(layout, WeightMatching.Align(layout, a, b).Aligned)
            : WeightMatching.Align(layout, UnitNormalization.Normalize(layout, a), UnitNormalization.Normalize(layout, b)).Aligned;

    /// <summary>Largest |a − b| over every tensor of the two state dicts, relative to the largest |a| of that tensor.</summary>
    public static double MaxRelativeDifference(IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        var worst = 0.0;
        foreach (var (name, ta) in a)
        {
            if (!ta.is_floating_point()) continue;
            var scale = Math.Max(ta.abs().max().to(ScalarType.Float64).item<double>(), 1e-12);
            worst = Math.Max(worst, ta.sub(b[name]).abs().max().to(ScalarType.Float64).item<double>() / scale);
        }
        return worst;
    }

    private static Tensor Scales(int units, Generator g) => rand([units], generator: g).mul(Log10).sub(HalfLog10).exp();

    // Held for the process (issue 13: an implicit Scalar can be freed by its finalizer while libtorch reads it).
    private static readonly Scalar Half = 0.5.ToScalar();
    private static readonly Scalar OneAndAHalf = 1.5.ToScalar();
    private static readonly Scalar TwoAndAHalf = 2.5.ToScalar();
    private static readonly Scalar Log10 = Math.Log(10).ToScalar();
    private static readonly Scalar HalfLog10 = (Math.Log(10) / 2).ToScalar();

    private static bool IsBatchNormWeight(Architecture arch, string name) =>
        arch.Kind == NetworkKind.Vgg16Bn && name.EndsWith(".weight") && name.StartsWith("features.")
        && Vgg16Bn.Convs(arch.Sizes[0]).Any(c => name == $"features.{c.Index + 1}.weight");
}
