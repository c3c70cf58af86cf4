using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// Verifies a layout against the model it describes before anything uses it: for each group alone, then for all groups at
/// once, a copy of the network with the group's units moved by the description must compute the same outputs f(x) on
/// sample inputs x. The move: a random permutation (never the identity when N &gt; 1), then for <c>scale</c> groups a
/// rescaling of each unit's output by s_i ∈ [0.5, 2] (log-uniform; outgoing tensors divided by s_i) and, with batch norm,
/// of its pre-activation by r_i ∈ [0.8, 1.25] (weights, bias and running mean times r_i, running variance times r_i²),
/// and for <c>sign</c> groups flips of a random half of the units (at least one). The output layer, scaled by 2.5, must
/// predict the same classes. Tolerance: max |f'(x) − f(x)| ≤ <see cref="Tolerance"/>·max |f(x)| over the batch (float32
/// rounding is ~1e-6 of that; BN's ε changes a rescaled pre-activation's output by at most ε·0.28/v relative, under 1e-3
/// for running variances v above 3e-3). A description that moves a tensor it should not, or misses one it should move,
/// changes f by far more; the first group that does is named.
/// </summary>
public static class LayoutVerification
{
    /// <summary>Largest output change allowed, relative to the largest output.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>Sample inputs used when the caller has no data: x ~ N(0, 1).</summary>
    public const int SampleInputs = 64;

    /// <summary>The largest relative output change of each check (per group, "all groups", "output"), in order.</summary>
    public sealed record Result(IReadOnlyList<(string Check, double Deviation)> Checks, int Inputs);

    /// <summary>
    /// Runs the checks on <paramref name="module"/> (whose tensors are overwritten: load the network again afterwards) with
    /// network <paramref name="sd"/> and inputs <paramref name="x"/>; seeded by <paramref name="seed"/>. Throws
    /// <see cref="InvalidDataException"/> naming the group (and <paramref name="file"/>) that changes the outputs.
    /// </summary>
    public static Result Verify(nn.Module<Tensor, Tensor> module, UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, Tensor x,
        string file, int seed = 0)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var random = new Random(seed);
        var reference = Outputs(module, sd, x);
        var scale = Math.Max(reference.abs().max().item<double>(), 1e-12);
        var checks = new List<(string, double)>();
        var all = Copy(sd);
        foreach (var group in layout.Groups)
        {
            var one = Copy(sd);
            Move(one, group, random);
            var deviation = Deviation(Outputs(module, one, x), reference, scale);
            checks.Add((group.Name, deviation));
            if (!(deviation <= Tolerance))
                throw new InvalidDataException($"{file}: group '{group.Name}' is not a symmetry of the model: moving its units as described " +
                    $"(permuted{Moves(group)}) changes the outputs by {deviation:G3} of their largest value (tolerance {Tolerance:G}). " +
                    "Check its incoming, outgoing (axis, block), bias and batch_norm tensors, its symmetry, and whether its units are tied to another group's (a residual sum).");
            Move(all, group, random);
        }
        if (layout.Groups.Count > 1)
        {
            var deviation = Deviation(Outputs(module, all, x), reference, scale);
            checks.Add(("all groups", deviation));
            if (!(deviation <= Tolerance))
                throw new InvalidDataException($"{file}: every group is a symmetry alone, but moving all of them at once changes the outputs by {deviation:G3}: two groups overlap");
        }
        if (layout.Output.Weight is { } weight)
        {
            var scaled = Copy(sd);
            using var factor = 2.5.ToScalar();
            scaled[weight].mul_(factor);
            if (layout.Output.Bias is { } bias) scaled[bias].mul_(factor);
            var changed = Prediction.Classes(Outputs(module, scaled, x)).ne(Prediction.Classes(reference)).sum().item<long>();
            checks.Add(("output", changed / (double)x.shape[0]));
            if (changed > 0)
                throw new InvalidDataException($"{file}: scaling the output layer ('{weight}') by 2.5 changes {changed} of {x.shape[0]} predictions: it is not the last, linear layer");
        }
        return new Result(checks, (int)x.shape[0]);
    }

    /// <summary>Loads <paramref name="sd"/> into the module (every tensor of its state dict, same shapes) and returns f(x) in float64.</summary>
    public static Tensor Outputs(nn.Module<Tensor, Tensor> module, IReadOnlyDictionary<string, Tensor> sd, Tensor x)
    {
        using var noGrad = no_grad();
        foreach (var (name, target) in module.state_dict())
        {
            if (!sd.TryGetValue(name, out var source)) throw new InvalidDataException($"the network has no tensor '{name}' of the model");
            target.copy_(source);
        }
        module.eval();
        return module.call(x).to(ScalarType.Float64);
    }

    private static void Move(Dictionary<string, Tensor> sd, UnitGroup group, Random random)
    {
        var n = group.Units;
        var perm = Enumerable.Range(0, n).ToArray();
        random.Shuffle(perm);
        if (n > 1 && perm.Select((p, i) => p == i).All(same => same)) perm = [.. perm.Skip(1), perm[0]];
        UnitTransform.Permute(sd, group, tensor(perm.Select(p => (long)p).ToArray()));
        switch (group.Symmetry)
        {
            case UnitSymmetry.PositiveScale:
                if (group.BatchNorm is not null) UnitTransform.ScalePreActivations(sd, group, LogUniform(n, 0.8, 1.25, random));
                UnitTransform.ScaleUnits(sd, group, LogUniform(n, 0.5, 2.0, random));
                break;
            case UnitSymmetry.Sign:
                var flips = Enumerable.Range(0, n).Select(_ => random.Next(2) == 0 ? -1.0 : 1.0).ToArray();
                flips[random.Next(n)] = -1.0;
                UnitTransform.FlipUnits(sd, group, tensor(flips));
                break;
        }
    }

    private static Tensor LogUniform(int n, double lo, double hi, Random random) =>
        tensor(Enumerable.Range(0, n).Select(_ => Math.Exp(Math.Log(lo) + random.NextDouble() * Math.Log(hi / lo))).ToArray());

    private static string Moves(UnitGroup group) => group.Symmetry switch
    {
        UnitSymmetry.PositiveScale => group.BatchNorm is null ? ", rescaled" : ", rescaled before and after its batch norm",
        UnitSymmetry.Sign => ", sign-flipped",
        _ => "",
    };

    private static double Deviation(Tensor output, Tensor reference, double scale)
    {
        using var minusOne = (-1.0).ToScalar();
        return output.shape.SequenceEqual(reference.shape) ? output.add(reference, minusOne).abs().max().item<double>() / scale : double.PositiveInfinity;
    }

    private static Dictionary<string, Tensor> Copy(IReadOnlyDictionary<string, Tensor> sd) =>
        sd.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
}
