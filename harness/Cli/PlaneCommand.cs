using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Specs;
using Reproduce.Harness.UserNetworks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Cli;

/// <summary>
/// <c>reproduce plane A B [C] --data SET|DIR --out DIR</c>: 2-D sections through three networks (METHOD.md §4, paper
/// Fig. 4), raw and normalized, each evaluated by <see cref="PlaneGrid.Evaluate"/> on <c>--resolution</c> values per axis
/// with <c>--margin</c> around the three points. With three files, the plane stage's triple: A and B, C aligned to A (raw:
/// on raw cosines; normalized: A normalized, B and C normalized then aligned). With two, the paper's Fig. 4 triple: A, B
/// as it is and B aligned to A (normalized: each normalized first), so the picture shows what alignment moves.
/// Writes <c>plane.raw.json</c> and <c>plane.normalized.json</c> (the stage's plane.json) and Fig. 4's picture
/// <c>plane.png</c> / <c>.svg</c>.
/// </summary>
public static class PlaneCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: reproduce plane A B [C] --data SET|DIR --out DIR [options]\n" +
        "  A B C: the plane through A and B, C aligned to A (the plane stage's); A B: through A, B and B aligned to A (the paper's Fig. 4)\n" +
        "  --resolution N  grid values per axis (default 21; the three networks' coordinates are added)\n" +
        "  --margin M      the grid reaches M × the points' range beyond them (default 0.25)\n" +
        UserCommandLine.DataUsage + "\n" + UserCommandLine.CommonUsage;

    /// <summary>Runs the command on the console.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command, writing its summary to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "plane") args = args[1..];
        return UserCommandLine.Execute("plane", Usage, args, output, error, () =>
        {
            var line = UserCommandLine.Parse("plane", args, 2, 3, withData: true, ["resolution", "margin"]);
            var resolution = line.Options.PositiveInt("resolution", SpecDefaults.PlaneResolution);
            if (resolution < 2) throw new CliException("--resolution expects at least 2");
            var margin = UserCommandLine.Number(line.Options, "margin", SpecDefaults.PlaneMargin, 0, 10);
            using var data = UserData.Load(line.Data!);
            using var net = UserNetwork.Open(line.Files, line.Arch, line.Symmetry, line.Model, PathCommand.Samples(data.Train.Inputs));
            net.CheckData(data, line.Data!.Source);
            using var scope = NewDisposeScope();
            var layout = net.Layout;
            var (a, b) = (net.Networks[0], net.Networks[1]);
            var paper = net.Networks.Count == 2;
            var (na, nb) = (UnitNormalization.Normalize(layout, a), UnitNormalization.Normalize(layout, b));
            var spaces = new (string Space, IReadOnlyDictionary<string, Tensor> W1, IReadOnlyDictionary<string, Tensor> W2, IReadOnlyDictionary<string, Tensor> W3)[]
            {
                ("raw", a, paper ? b : WeightMatching.Align(layout, a, b).Aligned,
                    WeightMatching.Align(layout, a, paper ? b : net.Networks[2]).Aligned),
                ("normalized", na, paper ? nb : WeightMatching.Align(layout, na, nb).Aligned,
                    WeightMatching.Align(layout, na, paper ? nb : UnitNormalization.Normalize(layout, net.Networks[2])).Aligned),
            };
            using var evaluator = net.Evaluator(data, line.EvalTrain, line.EvalTest, line.BatchNormRecompute);
            var names = line.Files.Select(PathCommand.Stem).ToList();
            if (paper) names = [names[0], names[1], $"{names[1]} aligned"];
            var planes = new List<(string, PlaneResult)>();
            Directory.CreateDirectory(line.Out);
            foreach (var (space, w1, w2, w3) in spaces)
            {
                var plane = PlaneGrid.Evaluate(evaluator, layout, w1, w2, w3, resolution, margin);
                planes.Add((space, plane));
                var json = ProbeOutputs.Plane(space, paper ? [.. line.Files, $"{line.Files[1]} aligned"] : line.Files, plane,
                    (int)evaluator.Train.Count, (int)evaluator.Test!.Count);
                json["source"] = net.Describe();
                json["data"] = line.Data.Source;
                json["resolution"] = resolution;
                json["margin"] = margin;
                json["bn_recompute"] = evaluator.HasBatchNorm ? line.BatchNormRecompute : null;
                ProbeOutputs.Json(line.Out, $"plane.{space}.json", json);
            }
            ProbeOutputs.PlaneFigure(line.Out, names, planes, paper
                ? $"Fig. 4: 2-D sections through {names[0]}, {names[1]} and {names[1]} aligned to {names[0]}"
                : $"Fig. 4: 2-D sections through {names[0]} and {names[1]}, {names[2]} aligned to {names[0]}");
            output.WriteLine($"planes through {string.Join(", ", names)} ({net.Name}), raw and normalized, " +
                             $"{planes[0].Item2.X.Count}×{planes[0].Item2.Y.Count} points each → {line.Out}");
            return 0;
        });
    }
}
