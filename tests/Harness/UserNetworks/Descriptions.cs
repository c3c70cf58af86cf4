using Reproduce.Core.Symmetry;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>Helpers for symmetry descriptions in tests: a layout as text (records hold lists, compared by reference), edited copies of a YAML file.</summary>
internal static class Descriptions
{
    /// <summary>Every field of every group and of the output, one line each (the layout's name left out).</summary>
    public static string Text(UnitLayout layout) =>
        string.Join("\n", layout.Groups.Select(g =>
            $"{g.Name} units={g.Units} {g.Symmetry} in=[{Axes(g.Incoming)}] bias={g.Bias} bn=[{(g.BatchNorm is null ? "" : string.Join(",", g.BatchNorm.All))}] out=[{Axes(g.Outgoing)}]")
            .Append($"output {layout.Output.Weight} {layout.Output.Bias} binary={layout.Binary}"));

    /// <summary>The conv net with BN of docs/examples/convbn.symmetry.yaml written as records, by hand.</summary>
    public static UnitLayout ConvBn() => new("convbn", false,
    [
        new UnitGroup("conv1", 4, UnitSymmetry.PositiveScale, [new UnitAxis("conv1.weight", 0)], "conv1.bias",
            new BatchNormTensors("bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var"), [new UnitAxis("conv2.weight", 1)]),
        new UnitGroup("conv2", 6, UnitSymmetry.PositiveScale, [new UnitAxis("conv2.weight", 0)], "conv2.bias",
            new BatchNormTensors("bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var"), [new UnitAxis("fc1.weight", 1, 4)]),
        new UnitGroup("fc1", 10, UnitSymmetry.PositiveScale, [new UnitAxis("fc1.weight", 0)], "fc1.bias", null, [new UnitAxis("fc2.weight", 1)]),
    ], new OutputLayer("fc2.weight", "fc2.bias"));

    /// <summary>Writes <paramref name="source"/>'s text with each (old, new) replacement applied once (each must occur) to <paramref name="dir"/>.</summary>
    public static string Edited(string source, string dir, params (string Old, string New)[] edits)
    {
        var text = File.ReadAllText(source);
        foreach (var (o, n) in edits)
        {
            var i = text.IndexOf(o, StringComparison.Ordinal);
            if (i < 0) throw new ArgumentException($"'{o}' is not in {source}");
            text = text[..i] + n + text[(i + o.Length)..];
        }
        var path = Path.Combine(dir, $"edited-{Guid.NewGuid():N}.symmetry.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// The residual fixture's description (h = relu(fc1 x); h = h + relu(fc2 h); fc3 h): fc1's and fc2's units tied in one group
    /// when <paramref name="tied"/>; otherwise, wrongly, two groups, fc1 read by fc2 and fc2 read by fc3, which fits the tensors.
    /// </summary>
    public static string Residual(string dir, bool tied)
    {
        var groups = tied
            ? """
                - name: stream
                  symmetry: scale
                  incoming: [fc1.weight, fc2.weight]
                  bias: fc1.bias
                  outgoing: [fc2.weight, fc3.weight]
              """
            : """
                - name: fc1
                  symmetry: scale
                  incoming: [fc1.weight]
                  bias: fc1.bias
                  outgoing: [fc2.weight]
                - name: fc2
                  symmetry: scale
                  incoming: [fc2.weight]
                  outgoing: [{tensor: fc3.weight, axis: 1}]
              """;
        var path = Path.Combine(dir, $"residual-{(tied ? "tied" : "untied")}.symmetry.yaml");
        File.WriteAllText(path, $"name: residual\ninput_shape: [8]\ngroups:\n{groups}\noutput: {{weight: fc3.weight, bias: fc3.bias}}\n");
        return path;
    }

    private static string Axes(IEnumerable<UnitAxis> axes) => string.Join(",", axes.Select(a => $"{a.Tensor}:{a.Axis}:{a.BlockSize}"));
}
