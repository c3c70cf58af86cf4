using Reproduce.Core.Data;
using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Models;

/// <summary>
/// PyTorch's default initialization of a network, drawn from a generator the caller owns instead of libtorch's global
/// one, so a network's initial weights depend on its seed alone, whatever else runs in the process at the same time.
/// Linear and Conv2d: weight ~ U(−b, b) with b = gain·√3/√fan_in = 1/√fan_in (kaiming_uniform with a = √5, so
/// gain = √(2/(1 + a²)) = √(1/3)), bias ~ U(−1/√fan_in, 1/√fan_in); fan_in = in (Linear, weight (out, in)) or
/// in/groups·k_h·k_w (Conv2d, weight (out, in/groups, k_h, k_w)). BatchNorm2d: γ = 1, β = 0, running mean 0, variance 1.
/// The binary nets' latent weights are their Linear/Conv2d weights, so they get the same U(±1/√fan_in).
/// </summary>
public static class DefaultInitialization
{
    // Stream ids of SplitMix64.ForStream: one per network of a run, apart from the data streams (Subset: 0x5EB5E7).
    private const ulong StreamBase = 0x1417_0000UL;

    /// <summary>
    /// Re-initializes every parameter of <paramref name="module"/> (on the CPU) in module order (the module itself, then
    /// its submodules depth first, as registered), each tensor drawn in full before the next, from
    /// <paramref name="generator"/>. A module type with parameters of its own that is not known here is an error, so no
    /// parameter silently keeps a draw from the global generator.
    /// </summary>
    public static void Apply(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var m in new[] { module }.Concat(module.modules()).Distinct())
        {
            switch (m)
            {
                case TorchSharp.Modules.Linear linear:
                    Uniform(linear.weight!, linear.bias, linear.weight!.shape[1], generator);
                    break;
                case TorchSharp.Modules.Conv2d conv:
                    var w = conv.weight!;
                    Uniform(w, conv.bias, w.numel() / w.shape[0], generator);
                    break;
                case TorchSharp.Modules.BatchNorm bn:
                    bn.weight?.fill_(Scalars.One);
                    bn.bias?.zero_();
                    bn.reset_running_stats();
                    break;
                default:
                    if (m.named_parameters(recurse: false).Any())
                        throw new NotSupportedException($"no default initialization for {m.GetType().Name} (it owns parameters)");
                    break;
            }
        }
    }

    /// <summary>
    /// The generator of network <paramref name="network"/> of a run seeded with <paramref name="seed"/>: 0 for the only (or
    /// first) network, a for RSGD's replica a, y for its center. Seeded with the first draw of SplitMix64's stream
    /// (seed, 0x14170000 + network), so networks of one seed get independent streams and no stream equals the seed's
    /// minibatch-order generator. The caller disposes it.
    /// </summary>
    public static Generator GeneratorFor(long seed, int network)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(network);
        return new Generator(SplitMix64.ForStream(seed, StreamBase + (ulong)network).NextUInt64());
    }

    private static void Uniform(Tensor weight, Tensor? bias, long fanIn, Generator generator)
    {
        var bound = 1 / Math.Sqrt(fanIn);
        weight.uniform_(-bound, bound, generator);
        bias?.uniform_(-bound, bound, generator);
    }
}
