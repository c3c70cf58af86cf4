using System.Diagnostics;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;
using Xunit;
using Xunit.Abstractions;

namespace Reproduce.Tests.Harness.Probes;

/// <summary>
/// Every probe stage through the executor on generated data (Hidden Manifold Model, no download): three MLP solutions,
/// so every kind runs (canonicalize, align, local-energy, path, optimized-path, plane, distances), and each writes its
/// files in the formats of docs/stages.md.
/// </summary>
public sealed class ProbeEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-probe-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    private const string Spec = """
        experiment: hmm-probes
        data:
          dataset: hmm
          hmm: {n: 40, d: 10, p: 200, test_size: 300}
        network: {hidden: [24]}
        seeds: [1, 2, 3]
        algorithms:
          sgd: {lr: 0.05, epochs: 60, max_train_error: 0, batch_size: 20}
        probes:
          eval_train_subset: 150
          eval_test_subset: 200
          local_energy: {sigmas: [0, 0.1, 0.3], draws: 2}
          paths: {points: 5}
          optimized_path: {epochs: 10, max_train_error: 0}
          plane: {resolution: 4, margin: 0.2}
        """;

    [Fact]
    public void EveryProbeStageWritesItsDocumentedFiles()
    {
        Directory.CreateDirectory(Path.Combine(root, "specs"));
        File.WriteAllText(Path.Combine(root, "Reproduce.sln"), "");
        File.WriteAllText(Path.Combine(root, "specs", "hmm.yaml"), Spec);
        var clock = Stopwatch.StartNew();
        // One stage at a time: TorchSharp 0.107 lets another thread's GC finalize an implicit Scalar while libtorch reads it,
        // so parallel stages fail now and then (issue notes; RSGD's coupling holds its Scalars, other code does not yet).
        using (var session = Session.Start(new WorkspaceOptions(root, null, null, 1), ExecutionOptions.InProcessOnly))
            Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
        output.WriteLine($"all stages: {clock.Elapsed.TotalSeconds:F1} s");

        var ws = Workspace.Open(new WorkspaceOptions(root, null, null));
        Assert.All(ws.Inspect(), s => Assert.Equal(StageState.Done, s.State));
        var stages = ws.Graph.Stages;
        Assert.Equal(new[] { 1, 3, 3, 3, 3, 9, 9, 2, 1, 5, 1 },
            StageKinds.All.Select(k => stages.Count(s => s.Kind == k)));
        string Folder(Stage s) => ws.Cache.Folder(s);
        JsonObject Result(Stage s) => ws.Cache.ReadManifest(s).Result;
        JsonObject Json(Stage s, string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(s), file)))!.AsObject();

        foreach (var s in stages.Where(s => s.Kind == StageKinds.Canonicalize))
        {
            Assert.True(File.Exists(Path.Combine(Folder(s), "normalized.safetensors")));
            Assert.Equal(0, (int)Result(s)["predictions_changed"]!);
            Assert.True((double)Result(s)["self_alignment_distance"]! <= 1e-8);
        }

        foreach (var s in stages.Where(s => s.Kind == StageKinds.Align))
        {
            var a = Json(s, "alignment.json");
            Assert.Equal(["layers.0"], a["permutations"]!.AsObject().Select(p => p.Key));
            Assert.Equal(24, a["permutations"]!["layers.0"]!.AsArray().Count);
            Assert.True((double)a["euclidean_aligned"]! <= (double)a["euclidean_raw"]!);
            Assert.Null(a["hamming_raw"]);
            Assert.True(File.Exists(Path.Combine(Folder(s), "b_aligned_raw.safetensors")));
            Assert.True(File.Exists(Path.Combine(Folder(s), "b_aligned_normalized.safetensors")));
            Assert.Equal("sgd-sgd", (string)Result(s)["pair_type"]!);
        }

        foreach (var s in stages.Where(s => s.Kind == StageKinds.LocalEnergy))
        {
            var le = Json(s, "local_energy.json");
            Assert.Equal(["solution", "noise", "levels", "mean", "std", "draws", "train_error", "test_error", "eval_train_samples", "eval_test_samples"],
                le.Select(p => p.Key));
            Assert.Equal("multiplicative-gaussian", (string)le["noise"]!);
            Assert.Equal(0.0, (double)le["mean"]![0]!);
            Assert.Equal(150, (int)le["eval_train_samples"]!);
            Assert.Equal(200, (int)le["eval_test_samples"]!);
        }

        foreach (var s in stages.Where(s => s.Kind is StageKinds.Path or StageKinds.OptimizedPath))
        {
            var lines = File.ReadAllLines(Path.Combine(Folder(s), "path.csv"));
            Assert.Equal("t,train_error,test_error", lines[0]);
            Assert.Equal(s.Kind == StageKinds.Path ? 5 : 9, lines.Length - 1);
            Assert.StartsWith("0,", lines[1]);
            Assert.StartsWith("1,", lines[^1]);
            var r = Result(s);
            foreach (var key in new[] { "kind", "a", "b", "pair_type", "barrier", "barrier_above_line" }) Assert.NotNull(r[key]);
            if (s.Kind != StageKinds.OptimizedPath) continue;
            Assert.Contains("0.5,", lines[5]);
            Assert.True((double)r["d_am"]! > 0 && (double)r["d_mb"]! > 0);
            Assert.NotNull(r["midpoint_train_error"]);
            Assert.NotNull(r["midpoint_converged"]);
            Assert.True((double)r["midpoint_train_error"]! <= (double)r["midpoint_start_train_error"]!);
            Assert.True(File.Exists(Path.Combine(Folder(s), "midpoint.safetensors")));
        }

        foreach (var s in stages.Where(s => s.Kind == StageKinds.Plane))
        {
            var p = Json(s, "plane.json");
            var x = p["x"]!.AsArray().Count;
            var y = p["y"]!.AsArray().Count;
            Assert.Equal(y, p["train_error"]!.AsArray().Count);
            Assert.All(p["test_error"]!.AsArray(), row => Assert.Equal(x, row!.AsArray().Count));
            Assert.Equal(["sgd-s1", "sgd-s2", "sgd-s2 aligned"], p["points"]!.AsObject().Select(kv => kv.Key));
            Assert.Equal([0.0, 0.0], p["points"]!["sgd-s1"]!.AsArray().Select(v => (double)v!));
        }

        var distances = File.ReadAllLines(Path.Combine(Folder(stages.Single(s => s.Kind == StageKinds.Distances)), "distances.csv"));
        Assert.Equal("a,b,pair_type,euclidean_raw,euclidean_aligned,geodesic_normalized_aligned,hamming_raw,hamming_aligned", distances[0]);
        Assert.Equal(4, distances.Length);
        Assert.StartsWith("sgd-s1,sgd-s2,sgd-sgd,", distances[1]);
        Assert.EndsWith(",,", distances[1]);
    }
}
