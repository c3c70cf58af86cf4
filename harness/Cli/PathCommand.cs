using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Specs;
using Reproduce.Harness.UserNetworks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Cli;

/// <summary>
/// <c>reproduce path A B --kind K --data SET|DIR --out DIR</c>: the train and test error along a path between two networks
/// (METHOD.md §4, paper Fig. 2), computed as the path stage computes it: endpoints raw (linear, hamming), B aligned to A on
/// raw cosines (linear-aligned), or both normalized and B aligned (geodesic-aligned, hamming-aligned); then
/// <see cref="PathProbe.Evaluate"/> through the stages' evaluator at <c>--points</c> evenly spaced fractions. Writes
/// <c>path.csv</c> (the stage's file), <c>path.json</c> (barrier, barrier above the line, the endpoints' distance in the
/// kind's metric, the curve, the inputs) and Fig. 2's curve <c>path.png</c> / <c>.svg</c>.
/// </summary>
public static class PathCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: reproduce path A B --kind KIND --data SET|DIR --out DIR [options]\n" +
        "  --kind      linear | linear-aligned | geodesic-aligned (binary nets: hamming | hamming-aligned)\n" +
        "  --points N  evenly spaced points, endpoints included (default 25); --orders N --seed S: Hamming paths' random orders (default 5, 0)\n" +
        UserCommandLine.DataUsage + "\n" + UserCommandLine.CommonUsage;

    /// <summary>Runs the command on the console.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command, writing its summary to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "path") args = args[1..];
        return UserCommandLine.Execute("path", Usage, args, output, error, () =>
        {
            var line = UserCommandLine.Parse("path", args, 2, withData: true, ["kind", "points", "orders", "seed"]);
            var kind = PathKinds.Parse(line.Options.Value("kind") ?? throw new CliException("--kind is required"));
            var points = line.Options.PositiveInt("points", SpecDefaults.PathPoints);
            if (points < 2) throw new CliException("--points expects at least 2 (the endpoints)");
            var orders = line.Options.PositiveInt("orders", SpecDefaults.HammingOrders);
            var seed = UserCommandLine.NonNegative(line.Options, "seed", 0);
            using var data = UserData.Load(line.Data!);
            using var net = UserNetwork.Open(line.Files, line.Arch, line.Symmetry, line.Model, Samples(data.Train.Inputs));
            net.CheckData(data, line.Data!.Source);
            if (kind is PathKind.Hamming or PathKind.HammingAligned && !net.Layout.Binary)
                throw new CliException($"{PathKinds.Name(kind)} paths flip signs of binary weights; {net.Name} is not a binary net");
            using var scope = NewDisposeScope();
            var (a, b) = Endpoints(kind, net.Layout, net.Networks[0], net.Networks[1]);
            using var evaluator = net.Evaluator(data, line.EvalTrain, line.EvalTest, line.BatchNormRecompute);
            var curve = PathProbe.Evaluate(evaluator, kind, net.Layout, a, b, PathCurve.Uniform(points), orders, seed);
            var name = PathKinds.Name(kind);
            var json = new JsonObject
            {
                ["kind"] = name,
                ["a"] = line.Files[0],
                ["b"] = line.Files[1],
                ["source"] = net.Describe(),
                ["data"] = line.Data.Source,
                ["barrier"] = curve.Barrier,
                ["barrier_above_line"] = curve.BarrierAboveLine,
                ["distance"] = PathProbe.Distance(kind, net.Layout, a, b),
                ["eval_train_samples"] = evaluator.Train.Count,
                ["eval_test_samples"] = evaluator.Test!.Count,
                ["bn_recompute"] = evaluator.HasBatchNorm ? line.BatchNormRecompute : null,
                ["orders"] = kind is PathKind.Hamming or PathKind.HammingAligned ? orders : null,
                ["t"] = ProbeOutputs.Numbers(curve.T),
                ["train_error"] = ProbeOutputs.Numbers(curve.TrainError),
                ["test_error"] = ProbeOutputs.Numbers(curve.TestError),
            };
            Directory.CreateDirectory(line.Out);
            ProbeOutputs.PathCsv(line.Out, curve);
            ProbeOutputs.Json(line.Out, "path.json", json);
            ProbeOutputs.PathFigure(line.Out, name, curve, Stem(line.Files[0]), Stem(line.Files[1]));
            output.WriteLine($"{name} path {line.Files[0]} → {line.Files[1]} ({net.Name}): barrier {curve.Barrier:P2} " +
                             $"({curve.BarrierAboveLine:P2} above the line) on {evaluator.Train.Count} train samples → {line.Out}");
            return 0;
        });
    }

    /// <summary>
    /// The endpoints of a path kind, as the path stage takes them: raw A and B (linear, hamming); raw A and B aligned to it
    /// (linear-aligned); A normalized and B normalized then aligned to it (geodesic-aligned, hamming-aligned), default norms.
    /// </summary>
    public static (IReadOnlyDictionary<string, Tensor> A, IReadOnlyDictionary<string, Tensor> B) Endpoints(PathKind kind, UnitLayout layout,
        IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        if (PathKinds.Normalized(kind))
        {
            var na = UnitNormalization.Normalize(layout, a);
            return (na, WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, b)).Aligned);
        }
        return PathKinds.Aligned(kind) ? (a, WeightMatching.Align(layout, a, b).Aligned) : (a, b);
    }

    /// <summary>The inputs a description is verified on: the first (at most 64) train inputs.</summary>
    public static Tensor Samples(Tensor inputs) => inputs.narrow(0, 0, Math.Min(inputs.shape[0], 64));

    /// <summary>A file's name without its extensions (a.torchscript.pt → a), for legends.</summary>
    public static string Stem(string file) => Path.GetFileName(file).Split('.')[0];
}
