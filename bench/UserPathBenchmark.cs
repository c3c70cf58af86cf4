using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Core.Models;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Cli;
using Reproduce.Harness.Data;
using Reproduce.Harness.Networks;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Reproduce.Harness.UserNetworks;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// <c>reproduce path</c> on a user's two MLPs (784-500-500-10, PyTorch's default initialization from seeds 1 and 2, as
/// safetensors files) over 10,000 MNIST train images (the seeded subset of a spec's <c>train_subset: 10000</c>) and the
/// 10,000 test images, linear path of 25 points, against the same probe run as a path stage
/// (<see cref="PathStageRunner"/> on the same networks and data, its inputs prepared as a run's cache holds them). The
/// command's time is everything a user waits for inside the process: parsing, loading data (from idx files to
/// standardized tensors, as a data stage does), reading and checking the networks, the probe, path.csv, path.json and the
/// PNG/SVG figure. The stage's is the runner's: data leased from the run's memo (loaded once per process), the networks
/// read from the cache, the probe, path.csv. After one untimed run of each, the two alternate (stage, command, stage,
/// command, …), and the overhead is the median over the repeats of command ÷ stage within one repeat, so that a busy
/// machine's slow minutes hit both sides of a ratio alike; the times shown are the best of each.
/// Goal: the command adds at most 10% to the stage. Both must report the same barrier, or the comparison is refused.
/// </summary>
public sealed class UserPathBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "user-path";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        var repeats = context.Quick ? 1 : 5;
        var points = context.Quick ? 5 : 25;
        new DataFetcher().EnsureAsync("mnist", context.DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
        var root = Path.Combine(Path.GetTempPath(), $"reproduce-bench-user-path-{Guid.NewGuid():N}");
        var previousData = Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable);
        Environment.SetEnvironmentVariable(DataCache.EnvironmentVariable, Path.GetFullPath(context.DataDirectory));
        try
        {
            var arch = Architecture.Parse("mlp:784,500,500,10");
            var files = new[] { 1, 2 }.Select(seed =>
            {
                using var module = arch.Create(new Generator((ulong)seed));
                var path = Path.Combine(root, seed == 1 ? "a.safetensors" : "b.safetensors");
                StateDictFile.Save(path, module.state_dict());
                return path;
            }).ToArray();
            var stageContext = StageContext(root, context.DataDirectory, arch, files, points);
            var runner = new PathStageRunner();
            string[] args = [files[0], files[1], "--kind", "linear", "--data", "mnist", "--train-subset", "10000", "--points", $"{points}",
                "--out", Path.Combine(root, "command")];
            double stage = double.MaxValue, command = double.MaxValue, load = double.MaxValue;
            var ratios = new List<double>();
            double? stageBarrier = null, commandBarrier = null;
            // Untimed first: the stage's process loads MNIST into its memo once for all its stages; both warm up libtorch and the JIT.
            runner.RunAsync(stageContext).GetAwaiter().GetResult();
            PathCommand.Run(args, TextWriter.Null, Console.Error);
            for (var i = 0; i < repeats; i++)
            {
                var stageTime = Time(() => stageBarrier = (double)runner.RunAsync(stageContext).GetAwaiter().GetResult().Result["barrier"]!);
                var commandTime = Time(() =>
                {
                    if (PathCommand.Run(args, TextWriter.Null, Console.Error) != 0) throw new InvalidOperationException("reproduce path failed");
                });
                (stage, command) = (Math.Min(stage, stageTime), Math.Min(command, commandTime));
                ratios.Add(commandTime / stageTime);
                load = Math.Min(load, Time(() => UserData.Load(new UserData.Request("mnist", TrainSubset: 10000)).Dispose()));
            }
            using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "command", "path.json"))))
                commandBarrier = json.RootElement.GetProperty("barrier").GetDouble();
            if (commandBarrier != stageBarrier)
                throw new InvalidOperationException($"the command's barrier {commandBarrier} is not the stage's {stageBarrier}; the comparison would be meaningless");
            var overhead = BenchStatistics.Median(ratios) - 1;
            return
            [
                new BenchRow($"path stage: linear, {points} points, 10,000 + 10,000 images", stage, "s"),
                new BenchRow("reproduce path: the same, from the files", command, "s"),
                new BenchRow("  of which loading MNIST (the stage's memo has it)", load, "s"),
                new BenchRow($"command over stage (median of {repeats} alternating pairs)", 100 * overhead, "%", "≤ 10%", overhead <= 0.10),
            ];
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataCache.EnvironmentVariable, previousData);
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    private static StageRunContext StageContext(string root, string dataDir, Architecture arch, string[] files, int points)
    {
        var data = Input(root, StageKinds.Data, new JsonObject { ["dataset"] = "mnist", ["train_subset"] = 10000, ["subset_seed"] = 0, ["test_subset"] = 0 });
        var a = Input(root, StageKinds.Train, [], files[0]);
        var b = Input(root, StageKinds.Train, [], files[1]);
        var align = Input(root, StageKinds.Align, []);
        var stage = new Stage(StageKinds.Path, "bench-path", "path/bench/linear/a_b", new JsonObject
        {
            ["architecture"] = arch.ToString(), ["kind"] = "linear", ["points"] = points, ["a"] = "a", ["b"] = "b", ["pair_type"] = "a-b",
            ["eval_train_subset"] = 0, ["eval_test_subset"] = 0, ["bn_recompute"] = true,
        }, [], ["bench"]);
        var folder = Directory.CreateDirectory(Path.Combine(root, "stage")).FullName;
        return new StageRunContext(stage, folder, [data, a, b, align], Path.GetFullPath(dataDir), new NoProgress(),
            new LoggerConfiguration().CreateLogger(), CancellationToken.None);
    }

    private static StageInput Input(string root, string kind, JsonObject settings, string? network = null)
    {
        var key = $"{kind}-{Guid.NewGuid():N}";
        var folder = Directory.CreateDirectory(Path.Combine(root, key)).FullName;
        if (network is not null) File.Copy(network, Path.Combine(folder, "network.safetensors"));
        var stage = new Stage(kind, key, $"{kind}/bench", settings, [], ["bench"]);
        return new StageInput(stage, new StageManifest(kind, key, stage.Version, stage.Id, settings, [], new Dictionary<string, OutputFile>(), [], []), folder);
    }

    private static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }

    private sealed class NoProgress : IStageProgress
    {
        public void Report(double fraction, string status) { }
    }
}
