using System.Diagnostics;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Cli;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Report;
using Reproduce.Harness.Runs;
using Reproduce.Tests.Harness.Data;
using Xunit;
using Xunit.Abstractions;

namespace Reproduce.Tests.Harness;

/// <summary>
/// The four CIFAR-10 experiments (the shipped specs mlp-, lenet-, vgg16bn- and binary-conv-cifar10.yaml, their profiles
/// replaced by a test-sized one) end to end on a small synthetic set in CIFAR-10's binary format (200 train and 100 test
/// images whose class shows in their colour and a square; <see cref="SyntheticCifar10"/>), in a data folder marked
/// synthetic: train, canonicalize, align, local energy, every path kind, optimized paths, planes, distances, plots,
/// findings and the report. CIFAR-10 itself cannot be downloaded here, so this is the only run of these specs in CI.
/// </summary>
public sealed class Cifar10EndToEndTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Experiments = ["mlp-cifar10", "lenet-cifar10", "vgg16bn-cifar10", "binary-conv-cifar10"];

    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-cifar-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    /// <summary>
    /// The sizes of this test: one seed (three solutions, so three cross-algorithm pairs and one plane triple), a few epochs,
    /// probes on 100 + 100 images with the coarsest grids. The MLP keeps its shipped widths; LeNet and the binary conv net
    /// keep their layers with fewer channels and units; VGG16-BN keeps its 13 conv layers with batch norm at 1/4 of the
    /// paper's widths. No conv layer has fewer than 16 channels: on this AVX-512 machine, libtorch 2.10's oneDNN returns NaN
    /// gradients from the first backward through a conv with 5-12 channels in about a third of processes (VGG16-BN at 1/16
    /// or 1/8 width, convs of 8 channels), which ONEDNN_MAX_CPU_ISA=AVX2 avoids.
    /// </summary>
    private static string Profile(string experiment)
    {
        var binary = experiment.StartsWith("binary", StringComparison.Ordinal);
        var (epochs, network) = experiment.Split('-')[0] switch
        {
            "vgg16bn" => (2, "{width_divisor: 4}"),
            "lenet" => (5, "{channels: [16, 16], hidden: [32]}"),
            "binary" => (3, "{channels: [16, 16], hidden: [64]}"),
            _ => (5, "{}"),
        };
        var algorithm = $"{{epochs: {epochs}, max_train_error: 0}}";
        return $$"""
            profiles:
              smoke:
                seeds: [1]
                network: {{network}}
                algorithms:
                  rsgd: {{algorithm}}
                  sgd: {{algorithm}}
                  adv: {epochs: {{epochs}}, max_train_error: 0, pretrain_epochs: 2, pretrain_max_error: 0.5}
                probes:
                  pairs_per_type: 1
                  eval_train_subset: 100
                  eval_test_subset: 100
                  local_energy: {draws: 1, {{(binary ? "flip_fractions: [0, 0.05]" : "sigmas: [0, 0.5]")}}}
                  paths: {points: 3{{(binary ? ", hamming_orders: 1" : "")}}}
                  optimized_path: {epochs: 1}
                  plane: {resolution: 2}

            """;
    }

    private void WriteSpecs()
    {
        Directory.CreateDirectory(Path.Combine(root, "specs"));
        File.WriteAllText(Path.Combine(root, "Reproduce.sln"), "");
        foreach (var experiment in Experiments)
        {
            var shipped = File.ReadAllText(Path.Combine(RepoRoot.Find(), "specs", experiment + ".yaml"));
            var at = shipped.IndexOf("\nprofiles:", StringComparison.Ordinal);
            Assert.True(at > 0, $"{experiment}.yaml: no profiles section to replace");
            File.WriteAllText(Path.Combine(root, "specs", experiment + ".yaml"), shipped[..(at + 1)] + Profile(experiment));
        }
    }

    [Fact]
    public void FourCifarExperimentsRunEveryStageOnSyntheticDataMarkedAsSuch()
    {
        WriteSpecs();
        var data = Path.Combine(root, "data");
        SyntheticCifar10.Write(Path.Combine(data, "cifar10"), perBatch: 40, test: 100);
        var report = Path.Combine(root, "report");
        var clock = Stopwatch.StartNew();

        using var session = Session.Start(new WorkspaceOptions(root, "smoke", null, 1, DataDirectory: data));
        var ws = session.Workspace;
        Assert.Equal(0, session.RunAll(ws.Graph.Stages));
        Assert.Equal(0, ReportCommand.Build(session, report));
        output.WriteLine($"{ws.Graph.Stages.Count} stages in {clock.Elapsed.TotalSeconds:F0} s");

        // Every stage finished, none skipped, and every stage kind ran for every experiment.
        Assert.Empty(session.Executor.Skipped);
        Assert.All(ws.Inspect(), s => Assert.True(s.State == StageState.Done, $"{s.Stage.Id}: {s.State} {s.Problem}"));
        foreach (var experiment in Experiments)
        {
            var kinds = ws.Graph.Stages.Where(s => s.Experiments.Contains(experiment)).Select(s => s.Kind).ToHashSet();
            Assert.All(StageKinds.All, k => Assert.True(kinds.Contains(k), $"{experiment}: no {k} stage"));
        }

        // The data is marked synthetic in its stage's id, key settings and manifest; it is never CIFAR-10's.
        var dataStage = ws.Graph.Stages.Single(s => s.Kind == StageKinds.Data);
        var manifest = ws.Cache.ReadManifest(dataStage);
        Assert.StartsWith("data/cifar10-synthetic", dataStage.Id);
        Assert.Contains(dataStage.Settings["identity"]!.AsArray(), l => ((string)l!).StartsWith("cifar10 SYNTHETIC", StringComparison.Ordinal));
        Assert.True((bool)manifest.Result["synthetic"]!);
        Assert.Contains("NOT the published data set", (string)manifest.Result["provenance"]!);
        Assert.Equal(200, (int)manifest.Result["train"]!);

        // VGG16-BN's paths recompute the BN statistics at every point they evaluate.
        var vggPaths = ws.Graph.Stages.Where(s => s.Kind == StageKinds.Path && s.Experiments.Contains("vgg16bn-cifar10")).ToList();
        Assert.NotEmpty(vggPaths);
        Assert.All(vggPaths, s =>
        {
            Assert.True((bool)s.Settings["bn_recompute"]!);
            Assert.Equal((int)s.Settings["points"]!, (int?)ws.Cache.ReadManifest(s).Result["bn_recomputed_points"]);
        });

        // I1 holds in every experiment, and the report lists all four.
        var run = ReportBuilder.Collect(root, "smoke", ws.Specs, ws.Graph, ws.Cache, report, session.Executor.Skipped);
        foreach (var experiment in Experiments)
        {
            var e = run.Experiments.Single(x => x.Spec.Name == experiment);
            Assert.Null(e.Skipped);
            var i1 = e.Findings.Single(f => f.Id == "I1");
            Assert.True(i1.Verdict == Verdict.Holds, $"{experiment} I1: {i1.VerdictText} ({i1.Detail}; {FindingsTable.NumbersText(i1)})");
            output.WriteLine($"{experiment}: {string.Join(", ", e.Solutions.Select(s => $"{s.Algorithm} test {s.TestError:P1}"))}");
        }

        var markdown = File.ReadAllText(Path.Combine(report, "REPORT.md"));
        Assert.All(Experiments, experiment => Assert.Contains(experiment, markdown));
    }
}
