using System.Text.RegularExpressions;
using Reproduce.Core.Models;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks;

/// <summary>
/// The <c>--arch</c> of an MLP read off its state dict, so that a user need not write it: tensors exactly
/// <c>layers.{k}.weight</c> (d_{k+1}, d_k) and <c>layers.{k}.bias</c> (d_{k+1}) for k = 0..L−1 with chaining sizes
/// (PyTorch's names for an <c>nn.ModuleList</c> of <c>nn.Linear</c> called <c>layers</c>) are <c>mlp:d0,…,dL</c>.
/// Anything else (other names, a missing bias, sizes that do not chain) is not guessed: the message says what was found.
/// A bias-free chain could be a binary MLP or a ReLU MLP without biases, which have different symmetries, so it is not inferred either.
/// </summary>
public static partial class ArchitectureInference
{
    /// <summary>The MLP of <paramref name="sd"/> (from <paramref name="file"/>); throws <see cref="InvalidDataException"/> saying why it is not one.</summary>
    public static Architecture Mlp(IReadOnlyDictionary<string, Tensor> sd, string file)
    {
        const string advice = "give --arch NAME:SIZES (docs/architectures.md) or a symmetry description with --symmetry (docs/user-networks.md)";
        var other = sd.Keys.FirstOrDefault(k => !LayerName().IsMatch(k));
        if (other is not null)
            throw new InvalidDataException($"{file}: cannot infer the architecture: '{other}' is not an MLP tensor layers.{{k}}.weight/bias; {advice}");
        var layers = sd.Keys.Select(k => int.Parse(LayerName().Match(k).Groups[1].Value)).Distinct().Order().ToList();
        if (layers.Count == 0 || layers[^1] != layers.Count - 1)
            throw new InvalidDataException($"{file}: cannot infer the architecture: the layers are not numbered 0..L−1; {advice}");
        var sizes = new List<int>();
        for (var k = 0; k < layers.Count; k++)
        {
            if (!sd.TryGetValue($"layers.{k}.weight", out var w) || w.dim() != 2)
                throw new InvalidDataException($"{file}: cannot infer the architecture: layers.{k}.weight is missing or not a matrix; {advice}");
            if (!sd.TryGetValue($"layers.{k}.bias", out var b))
                throw new InvalidDataException($"{file}: cannot infer the architecture: layers.{k} has no bias (a binary MLP? a bias-free ReLU MLP is not built in); {advice}");
            if (k == 0) sizes.Add((int)w.shape[1]);
            else if (w.shape[1] != sizes[^1])
                throw new InvalidDataException($"{file}: cannot infer the architecture: layers.{k}.weight takes {w.shape[1]} inputs, layers.{k - 1} gives {sizes[^1]}; {advice}");
            if (!b.shape.SequenceEqual([w.shape[0]]))
                throw new InvalidDataException($"{file}: cannot infer the architecture: layers.{k}.bias has shape [{string.Join(", ", b.shape)}], expected [{w.shape[0]}]; {advice}");
            sizes.Add((int)w.shape[0]);
        }
        return new Architecture(NetworkKind.Mlp, sizes);
    }

    [GeneratedRegex(@"^layers\.(\d+)\.(weight|bias)$")]
    private static partial Regex LayerName();
}
