using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// Turns a <see cref="SymmetryDescription"/> into the <see cref="UnitLayout"/> of a model's tensors, refusing a description
/// that does not fit them. Each group's unit count N is its first incoming tensor's length on its axis divided by the
/// block size (or the stated <c>units</c>, then checked); then, group by group in file order and within a group incoming,
/// bias, batch norm, outgoing, every tensor must exist with a floating dtype and length N·block on its axis. The first
/// one that does not is named with its axis. A tensor axis may belong to one group only, and the output layer's weight
/// (axis 0) and bias to no group; floating-point tensors the description does not mention are listed, not refused.
/// </summary>
public static class LayoutFit
{
    /// <summary>The layout, and the floating-point tensors no group or output mentions (in the model's order).</summary>
    public sealed record Result(UnitLayout Layout, IReadOnlyList<string> Undescribed);

    /// <summary>Fits <paramref name="d"/> to <paramref name="tensors"/>; throws <see cref="InvalidDataException"/> naming the first mismatch.</summary>
    public static Result Fit(SymmetryDescription d, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var claims = new Dictionary<(string, int), string>();
        var groups = new List<UnitGroup>();
        foreach (var g in d.Groups)
        {
            var first = g.Incoming[0];
            var where = $"{d.File}: {g.Field} ('{g.Name}')";
            var length = AxisLength(tensors, first, $"{where} incoming", d);
            if (length % first.BlockSize != 0)
                throw Bad($"{where} incoming: tensor '{first.Tensor}' axis {first.Axis} has length {length}, not a multiple of block {first.BlockSize}");
            var units = (int)(length / first.BlockSize);
            if (g.Units is { } stated && stated != units)
                throw Bad($"{where} states {stated} units, but tensor '{first.Tensor}' axis {first.Axis} holds {units}");
            var axes = g.Incoming.Select(a => (a, "incoming"))
                .Concat(g.Bias is null ? [] : [(new UnitAxis(g.Bias, 0), "bias")])
                .Concat(g.BatchNorm is null ? [] : g.BatchNorm.All.Select(n => (new UnitAxis(n, 0), "batch_norm")))
                .Concat(g.Outgoing.Select(a => (a, "outgoing")));
            foreach (var (axis, role) in axes)
            {
                var found = AxisLength(tensors, axis, $"{where} {role}", d);
                if (found != (long)units * axis.BlockSize)
                    throw Bad($"{where} {role}: tensor '{axis.Tensor}' axis {axis.Axis} has length {found}, expected {units} units × block {axis.BlockSize} = {units * axis.BlockSize}");
                Claim(claims, axis, $"{g.Field} ('{g.Name}') {role}", d.File);
            }
            groups.Add(new UnitGroup(g.Name, units, g.Symmetry, g.Incoming, g.Bias, g.BatchNorm, g.Outgoing));
        }
        if (d.Output.Weight is { } w)
        {
            var weight = Tensor(tensors, w, $"{d.File}: output.weight", d);
            Claim(claims, new UnitAxis(w, 0), "output.weight", d.File);
            if (d.Output.Bias is { } b)
            {
                var bias = Tensor(tensors, b, $"{d.File}: output.bias", d);
                if (!bias.shape.SequenceEqual([weight.shape[0]]))
                    throw Bad($"{d.File}: output.bias: tensor '{b}' has shape [{string.Join(", ", bias.shape)}], expected [{weight.shape[0]}] (the output weight's rows)");
                Claim(claims, new UnitAxis(b, 0), "output.bias", d.File);
            }
        }
        else if (d.Output.Bias is not null) throw Bad($"{d.File}: output.bias without an output.weight");
        var mentioned = claims.Keys.Select(k => k.Item1).ToHashSet();
        var undescribed = tensors.Where(kv => kv.Value.is_floating_point() && !mentioned.Contains(kv.Key)).Select(kv => kv.Key).ToList();
        return new Result(new UnitLayout(d.Name, d.Binary, groups, d.Output), undescribed);
    }

    private static long AxisLength(IReadOnlyDictionary<string, Tensor> tensors, UnitAxis axis, string where, SymmetryDescription d)
    {
        var t = Tensor(tensors, axis.Tensor, where, d);
        if (axis.Axis >= t.dim())
            throw Bad($"{where}: tensor '{axis.Tensor}' has shape [{string.Join(", ", t.shape)}], which has no axis {axis.Axis}");
        return t.shape[axis.Axis];
    }

    private static Tensor Tensor(IReadOnlyDictionary<string, Tensor> tensors, string name, string where, SymmetryDescription d)
    {
        if (!tensors.TryGetValue(name, out var t))
            throw Bad($"{where}: the model has no tensor '{name}'{Nearest(name, tensors.Keys)}");
        return t.is_floating_point() ? t : throw Bad($"{where}: tensor '{name}' has dtype {t.dtype}, not a floating-point one");
    }

    private static void Claim(Dictionary<(string, int), string> claims, UnitAxis axis, string by, string file)
    {
        if (claims.TryGetValue((axis.Tensor, axis.Axis), out var other))
            throw Bad($"{file}: tensor '{axis.Tensor}' axis {axis.Axis} is listed by {other} and by {by}; a tensor axis belongs to one group");
        claims[(axis.Tensor, axis.Axis)] = by;
    }

    // A typo usually leaves a name a few edits from the right one.
    private static string Nearest(string name, IEnumerable<string> names)
    {
        var best = names.Select(n => (n, Distance(name, n))).OrderBy(p => p.Item2).FirstOrDefault();
        return best.n is not null && best.Item2 <= Math.Max(2, name.Length / 4) ? $" (did you mean '{best.n}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    private static InvalidDataException Bad(string message) => new(message);
}
