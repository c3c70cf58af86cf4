using System.Globalization;
using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Harness.Specs;
using Reproduce.Harness.UserNetworks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Cli;

/// <summary>
/// <c>reproduce local-energy A --data SET|DIR --out DIR</c>: the flatness of one network (METHOD.md §5, paper Fig. 1),
/// computed as the local-energy stage computes it: <see cref="LocalEnergy.Measure"/> through the stages' evaluator,
/// dE(σ) = E_z[Err_train(w ⊙ (1 + σ z))] − Err_train(w) over every parameter (binary nets: flips of a fraction p of the
/// weights), <c>--draws</c> draws per level from a generator seeded by <c>--seed</c>. Writes <c>local_energy.json</c> (the
/// stage's fields, and the inputs) and Fig. 1's curve <c>local-energy.png</c> / <c>.svg</c>.
/// </summary>
public static class LocalEnergyCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: reproduce local-energy A --data SET|DIR --out DIR [options]\n" +
        "  --levels L1,L2,...  σ (default 0,0.05,...,0.5), binary nets flip fractions p (default 0,0.01,...,0.2)\n" +
        "  --draws N --seed S  noise draws per level (default 10) and their seed (default 0)\n" +
        UserCommandLine.DataUsage + "\n" + UserCommandLine.CommonUsage;

    /// <summary>Runs the command on the console.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command, writing its summary to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "local-energy") args = args[1..];
        return UserCommandLine.Execute("local-energy", Usage, args, output, error, () =>
        {
            var line = UserCommandLine.Parse("local-energy", args, 1, withData: true, ["levels", "draws", "seed"]);
            var draws = line.Options.PositiveInt("draws", SpecDefaults.Draws);
            var seed = UserCommandLine.NonNegative(line.Options, "seed", 0);
            using var data = UserData.Load(line.Data!);
            using var net = UserNetwork.Open(line.Files, line.Arch, line.Symmetry, line.Model, PathCommand.Samples(data.Train.Inputs));
            net.CheckData(data, line.Data!.Source);
            var levels = Levels(line.Options.Value("levels")) ?? (net.Layout.Binary ? SpecDefaults.FlipFractions : SpecDefaults.Sigmas);
            if (net.Layout.Binary && levels.Any(p => p > 1)) throw new CliException("--levels of a binary net are flip fractions in [0, 1]");
            using var scope = NewDisposeScope();
            var sd = net.Networks[0];
            using var evaluator = net.Evaluator(data, line.EvalTrain, line.EvalTest, line.BatchNormRecompute);
            var result = LocalEnergy.Measure(evaluator, net.Layout, sd, levels, draws, seed);
            evaluator.Load(sd);
            var testError = evaluator.TestError();
            var name = PathCommand.Stem(line.Files[0]);
            var json = new JsonObject
            {
                ["solution"] = line.Files[0],
                ["source"] = net.Describe(),
                ["data"] = line.Data.Source,
                ["noise"] = result.Noise,
                ["levels"] = ProbeOutputs.Numbers(result.Levels),
                ["mean"] = ProbeOutputs.Numbers(result.Mean),
                ["std"] = ProbeOutputs.Numbers(result.Std),
                ["draws"] = result.Draws,
                ["seed"] = seed,
                ["train_error"] = result.TrainError,
                ["test_error"] = testError,
                ["eval_train_samples"] = evaluator.Train.Count,
                ["eval_test_samples"] = evaluator.Test!.Count,
                ["bn_recompute"] = evaluator.HasBatchNorm ? line.BatchNormRecompute : null,
            };
            Directory.CreateDirectory(line.Out);
            ProbeOutputs.Json(line.Out, "local_energy.json", json);
            ProbeOutputs.LocalEnergyFigure(line.Out, name, result, testError);
            output.WriteLine($"local energy of {line.Files[0]} ({net.Name}): train error {result.TrainError:P2}, test {testError:P2}; " +
                             $"dE at {levels[^1]:G3}: {result.Mean[^1]:P2} ± {result.Std[^1]:P2} → {line.Out}");
            return 0;
        });
    }

    private static IReadOnlyList<double>? Levels(string? text)
    {
        if (text is null) return null;
        var levels = text.Split(',', StringSplitOptions.TrimEntries).Select(p =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v
                : throw new CliException($"--levels expects numbers ≥ 0 separated by commas, found '{p}'")).ToList();
        return levels.Count > 0 ? levels : throw new CliException("--levels is empty");
    }
}
