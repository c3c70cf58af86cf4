using System.Globalization;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// Reads a symmetry description (docs/user-networks.md) strictly: unknown or duplicate keys, missing required fields and
/// values of the wrong form fail with <see cref="SpecException"/> naming file, line, column and field (e.g.
/// <c>groups[1].outgoing[0].block</c>). Keys: <c>name</c>, <c>input_shape</c> (required), <c>binary</c>, <c>groups</c>
/// (required; each <c>name</c>, <c>units</c>, <c>symmetry</c> scale|sign|permutation, <c>incoming</c>, <c>bias</c>,
/// <c>batch_norm</c>, <c>outgoing</c>) and <c>output</c> (required; <c>weight</c>, <c>bias</c>). A tensor entry is a name
/// (incoming on axis 0, outgoing on axis 1, block 1) or a mapping <c>{tensor, axis, block}</c>; <c>batch_norm</c> is the
/// BN module's prefix (its <c>.weight</c>, <c>.bias</c>, <c>.running_mean</c>, <c>.running_var</c>) or a mapping of those four.
/// </summary>
public static class SymmetryDescriptionReader
{
    private static readonly string[] Symmetries = ["scale", "sign", "permutation"];

    /// <summary>Reads the description in <paramref name="path"/>.</summary>
    public static SymmetryDescription Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a description from its text; <paramref name="file"/> names it in messages.</summary>
    public static SymmetryDescription Parse(string text, string file)
    {
        var root = Mapping(YamlTreeReader.Read(text, file), "");
        Keys(root, "", ["name", "input_shape", "binary", "groups", "output"]);
        var name = Optional(root, "name") is { } n ? Scalar(n, "name", "a name").Value : Path.GetFileNameWithoutExtension(file).Replace(".symmetry", "");
        var shape = Sequence(Required(root, "input_shape", ""), "input_shape", "a list of positive sizes, e.g. [3, 32, 32]")
            .Select((item, i) => (long)Positive(item, $"input_shape[{i}]")).ToList();
        if (shape.Count == 0) throw Error(root.Get("input_shape")!, "input_shape", "expected at least one size, found an empty list");
        var binary = Optional(root, "binary") is { } b ? Bool(b, "binary") : false;
        var groups = Sequence(Required(root, "groups", ""), "groups", "a list of unit groups").Select((g, i) => Group(g, $"groups[{i}]")).ToList();
        foreach (var twice in groups.GroupBy(g => g.Name).Where(g => g.Count() > 1))
            throw Error(root.Get("groups")!, "groups", $"the group name '{twice.Key}' is used {twice.Count()} times; names must be unique");
        var output = Mapping(Required(root, "output", ""), "output");
        Keys(output, "output", ["weight", "bias"]);
        var outputLayer = new OutputLayer(
            Optional(output, "weight") is { } w ? TensorName(w, "output.weight") : null,
            Optional(output, "bias") is { } ob ? TensorName(ob, "output.bias") : null);
        return new SymmetryDescription(file, name, shape, binary, groups, outputLayer);
    }

    private static DescribedGroup Group(YamlNode node, string field)
    {
        var m = Mapping(node, field);
        Keys(m, field, ["name", "units", "symmetry", "incoming", "bias", "batch_norm", "outgoing"]);
        var name = Scalar(Required(m, "name", field), $"{field}.name", "a name").Value;
        int? units = Optional(m, "units") is { } u ? Positive(u, $"{field}.units") : null;
        var symmetryNode = Scalar(Required(m, "symmetry", field), $"{field}.symmetry", "scale, sign or permutation");
        var symmetry = symmetryNode.Value switch
        {
            "scale" => UnitSymmetry.PositiveScale,
            "sign" => UnitSymmetry.Sign,
            "permutation" => UnitSymmetry.PermutationOnly,
            _ => throw Error(symmetryNode, $"{field}.symmetry", $"expected one of {string.Join(", ", Symmetries)}, found {symmetryNode.Form}"),
        };
        var incoming = Axes(Required(m, "incoming", field), $"{field}.incoming", 0);
        if (incoming.Count == 0) throw Error(m.Get("incoming")!, $"{field}.incoming", "expected at least one tensor");
        var bias = Optional(m, "bias") is { } b ? TensorName(b, $"{field}.bias") : null;
        var bn = Optional(m, "batch_norm") is { } bnNode ? BatchNorm(bnNode, $"{field}.batch_norm") : null;
        if (bn is not null && symmetry == UnitSymmetry.Sign)
            throw Error(m.Get("batch_norm")!, $"{field}.batch_norm", "a sign flip is no symmetry of a unit followed by batch norm; use scale or permutation");
        var outgoing = Optional(m, "outgoing") is { } o ? Axes(o, $"{field}.outgoing", 1) : [];
        return new DescribedGroup(field, name, units, symmetry, incoming, bias, bn, outgoing);
    }

    private static List<UnitAxis> Axes(YamlNode node, string field, int defaultAxis) =>
        Sequence(node, field, "a list of tensors").Select((item, i) =>
        {
            var at = $"{field}[{i}]";
            if (item is YamlScalar) return new UnitAxis(TensorName(item, at), defaultAxis);
            var m = Mapping(item, at);
            Keys(m, at, ["tensor", "axis", "block"]);
            var axis = Optional(m, "axis") is { } a ? NonNegative(a, $"{at}.axis") : defaultAxis;
            var block = Optional(m, "block") is { } b ? Positive(b, $"{at}.block") : 1;
            return new UnitAxis(TensorName(Required(m, "tensor", at), $"{at}.tensor"), axis, block);
        }).ToList();

    private static BatchNormTensors BatchNorm(YamlNode node, string field)
    {
        if (node is YamlScalar)
        {
            var prefix = TensorName(node, field);
            return new BatchNormTensors($"{prefix}.weight", $"{prefix}.bias", $"{prefix}.running_mean", $"{prefix}.running_var");
        }
        var m = Mapping(node, field);
        Keys(m, field, ["weight", "bias", "running_mean", "running_var"]);
        string Get(string key) => TensorName(Required(m, key, field), $"{field}.{key}");
        return new BatchNormTensors(Get("weight"), Get("bias"), Get("running_mean"), Get("running_var"));
    }

    private static string TensorName(YamlNode node, string field)
    {
        var s = Scalar(node, field, "a tensor name");
        return s.Value.Length > 0 && !s.Value.Any(char.IsWhiteSpace) ? s.Value : throw Error(s, field, $"expected a tensor name, found {s.Form}");
    }

    private static int Positive(YamlNode node, string field) => Integer(node, field, 1);

    private static int NonNegative(YamlNode node, string field) => Integer(node, field, 0);

    private static int Integer(YamlNode node, string field, int min)
    {
        var s = Scalar(node, field, $"an integer ≥ {min}");
        return !s.Quoted && int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min ? v
            : throw Error(s, field, $"expected an integer ≥ {min}, found {s.Form}");
    }

    private static bool Bool(YamlNode node, string field)
    {
        var s = Scalar(node, field, "true or false");
        return !s.Quoted && s.Value is "true" or "false" ? s.Value == "true" : throw Error(s, field, $"expected true or false, found {s.Form}");
    }

    private static YamlScalar Scalar(YamlNode node, string field, string expected) =>
        node as YamlScalar ?? throw Error(node, field, $"expected {expected}, found {node.Form}");

    private static YamlMapping Mapping(YamlNode node, string field) =>
        node as YamlMapping ?? throw Error(node, field, $"expected a mapping, found {node.Form}");

    private static IReadOnlyList<YamlNode> Sequence(YamlNode node, string field, string expected) =>
        (node as YamlSequence)?.Items ?? throw Error(node, field, $"expected {expected}, found {node.Form}");

    private static YamlNode? Optional(YamlMapping m, string key) => m.Get(key) is YamlScalar { Value: "null" or "~" or "", Quoted: false } ? null : m.Get(key);

    private static YamlNode Required(YamlMapping m, string key, string field) =>
        Optional(m, key) ?? throw Error(m, Join(field, key), "is required");

    private static void Keys(YamlMapping m, string field, IReadOnlyList<string> allowed)
    {
        foreach (var (key, _) in m.Entries)
            if (!allowed.Contains(key.Value))
                throw Error(key, Join(field, key.Value), $"unknown key '{key.Value}'; allowed here: {string.Join(", ", allowed)}");
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}.{b}";

    private static SpecException Error(YamlNode at, string field, string problem) => new(at.File, at.Line, at.Column, field, problem);
}
