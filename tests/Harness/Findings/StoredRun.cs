using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>
/// A fabricated stage cache in the formats of docs/stages.md: train manifests, local_energy.json, path.csv with their
/// manifests, plane.json, distances.csv, alignment.json. The numbers are chosen so that each finding's verdict is known
/// (see <see cref="ToyMlp"/> and <see cref="HmmSeries"/>). Probe stages are written directly (their runners live elsewhere).
/// </summary>
public sealed class StoredRun : IDisposable
{
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The temporary repository root.</summary>
    public string Root { get; }

    /// <summary>The cache under Root/artifacts/cache.</summary>
    public StageCache Cache { get; }

    /// <summary>Every fabricated (upstream) stage.</summary>
    public List<Stage> Stages { get; } = [];

    /// <summary>The experiments.</summary>
    public List<ExperimentSpec> Specs { get; } = [];

    /// <summary>Path t grid of every fabricated path: 0, 0.1, …, 1.</summary>
    public static readonly double[] T = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();

    private StoredRun()
    {
        Root = Path.Combine(Path.GetTempPath(), "reproduce-report-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "Reproduce.sln"), "");
        Cache = new StageCache(Path.Combine(Root, "artifacts", "cache"));
    }

    /// <summary>The pair types of three algorithms in the paper's order.</summary>
    public static readonly string[] PairTypes = ["rsgd-rsgd", "rsgd-sgd", "rsgd-adv", "sgd-sgd", "sgd-adv", "adv-adv"];

    /// <summary>
    /// A continuous MLP experiment "toy-mlp", 3 algorithms × 3 seeds, every probe stored. Expected verdicts: F1-F6, F8, F9 and
    /// I1 hold; F7 fails (the optimized aligned ADV-ADV barrier is 0.03 &gt; zero_barrier 0.01); F10 and F11 are not measured
    /// (they apply to binary nets).
    /// </summary>
    public static StoredRun ToyMlp(bool planes = true, bool polluted = false)
    {
        var run = new StoredRun();
        var spec = Spec("toy-mlp", "mlp", "mnist", n: 0, hidden: 20, seeds: [1, 2, 3]);
        run.Specs.Add(spec);
        var energyScale = new Dictionary<string, double> { ["rsgd"] = 0.5, ["sgd"] = 1.0, ["adv"] = 2.0 };
        var testBase = new Dictionary<string, double> { ["rsgd"] = 0.020, ["sgd"] = 0.025, ["adv"] = 0.035 };
        var sigmas = Enumerable.Range(0, 11).Select(i => Math.Round(0.05 * i, 2)).ToArray();
        foreach (var a in Algorithms)
        foreach (var seed in spec.Seeds)
        {
            var name = $"{a}-s{seed}";
            var test = testBase[a] + 0.001 * seed;
            var train = run.Train(spec, a, seed, test, "mlp:784,20,10");
            var mean = sigmas.Select(s => energyScale[a] * s * s * (1 + 0.05 * seed)).ToArray();
            run.LocalEnergy(spec, name, "multiplicative-gaussian", sigmas, mean, test, train);
            run.Add("canonicalize", $"canonicalize/{spec.Name}/{name}", spec.Name, [train.Key], new JsonObject { ["solution"] = name, ["predictions_changed"] = 0, ["self_alignment_distance"] = 1e-7 },
                new() { ["normalized.safetensors"] = "fake" });
        }
        var heights = new Dictionary<string, double> { ["rsgd-rsgd"] = 0.05, ["rsgd-sgd"] = 0.08, ["rsgd-adv"] = 0.12, ["sgd-sgd"] = 0.10, ["sgd-adv"] = 0.15, ["adv-adv"] = 0.20 };
        var geodesic = new Dictionary<string, double> { ["rsgd-rsgd"] = 5, ["rsgd-sgd"] = 6, ["rsgd-adv"] = 7, ["sgd-sgd"] = 7, ["sgd-adv"] = 8, ["adv-adv"] = 9 };
        var rows = new StringBuilder("a,b,pair_type,euclidean_raw,euclidean_aligned,geodesic_normalized_aligned,hamming_raw,hamming_aligned\n");
        var aligns = new List<string>();
        foreach (var (a, b, type, k) in Pairs(spec.Seeds))
        {
            var mixed = a.Split("-s")[0] != b.Split("-s")[0];
            var skew = mixed ? 1.0 : 0.0;
            var h = heights[type] * (1 + 0.05 * k);
            var align = run.Add("align", $"align/{spec.Name}/{a}--{b}", spec.Name, [], new JsonObject { ["a"] = a, ["b"] = b, ["pair_type"] = type },
                new() { ["alignment.json"] = $$"""{"permutations": {"fc1": [1, 0]}, "euclidean_raw": 40, "euclidean_aligned": 30, "geodesic_normalized_aligned": {{geodesic[type]}}}""" });
            aligns.Add(align.Key);
            run.AddPath(spec.Name, "path", "geodesic-aligned", a, b, type, h, skew, [align.Key]);
            run.AddPath(spec.Name, "path", "linear-aligned", a, b, type, 1.5 * h, skew, [align.Key]);
            run.AddPath(spec.Name, "path", "linear", a, b, type, Math.Min(0.9, 3 * h), skew, [align.Key]);
            var optimizedAligned = type == "adv-adv" ? 0.03 : 0.004;
            run.AddPath(spec.Name, "optimized-path", "geodesic-aligned", a, b, type, optimizedAligned, 0, [align.Key], dAm: mixed ? 10 : 12, dMb: mixed ? 14 : 12);
            run.AddPath(spec.Name, "optimized-path", "linear", a, b, type, 0.1, 0, [align.Key], dAm: 20, dMb: 20);
            rows.Append(CultureInfo.InvariantCulture, $"{a},{b},{type},{40 + k},{30 + k},{geodesic[type] + 0.1 * k},,\n");
        }
        if (polluted) run.Pollute(spec, rows, aligns);
        run.Add("distances", $"distances/{spec.Name}", spec.Name, aligns, new JsonObject(), new() { ["distances.csv"] = rows.ToString() });
        if (planes)
            foreach (var space in new[] { "raw", "normalized" })
                run.Add("plane", $"plane/{spec.Name}/{space}", spec.Name, [], new JsonObject { ["space"] = space },
                    new() { ["plane.json"] = PlaneJson(space, ["rsgd-s1", "adv-s1", "adv-s1-aligned"], space == "raw" ? 1.0 : 0.6) });
        return run;
    }

    /// <summary>
    /// Two binary committee machines on the HMM (N = 100 and 400), 3 algorithms × 2 seeds, local energies and Hamming paths.
    /// ΔE and barriers fall with N, rank RSGD &lt; SGD &lt; ADV, and alignment moves barriers by 0.01: F10 holds.
    /// </summary>
    public static StoredRun HmmSeries()
    {
        var run = new StoredRun();
        var flips = Enumerable.Range(0, 21).Select(i => Math.Round(0.01 * i, 2)).ToArray();
        var scale = new Dictionary<string, double> { ["rsgd"] = 1.0, ["sgd"] = 2.0, ["adv"] = 3.0 };
        foreach (var n in new[] { 100, 400 })
        {
            var spec = Spec($"cm-hmm-n{n}", "committee", "hmm", n, hidden: 7, seeds: [1, 2]);
            run.Specs.Add(spec);
            var shrink = n == 100 ? 1.0 : 0.5;
            foreach (var a in Algorithms)
            foreach (var seed in spec.Seeds)
            {
                var test = 0.1 * scale[a] * shrink + 0.002 * seed;
                var train = run.Train(spec, a, seed, test, $"committee:{n},7");
                run.LocalEnergy(spec, $"{a}-s{seed}", "sign-flip", flips, flips.Select(p => shrink * scale[a] * p).ToArray(), test, train);
            }
            foreach (var (a, b, type, _) in Pairs(spec.Seeds))
            {
                var h = 0.1 * shrink * (1 + PairTypes.ToList().IndexOf(type) / 5.0);
                run.AddPath(spec.Name, "path", "hamming", a, b, type, h, 0, []);
                run.AddPath(spec.Name, "path", "hamming-aligned", a, b, type, h - 0.01, 0, []);
            }
        }
        return run;
    }

    /// <summary>The algorithms of every fabricated experiment, in the paper's order.</summary>
    public static readonly string[] Algorithms = ["rsgd", "sgd", "adv"];

    /// <summary>The upstream stages plus the plot and findings stages the report planner adds.</summary>
    public StageGraph Plan()
    {
        var stages = Stages.ToList();
        ReportPlanner.Plan(Specs, stages);
        return new StageGraph(stages);
    }

    /// <summary>The stored results of one experiment, read back through <see cref="StoredResults"/>.</summary>
    public ExperimentResults Results(string experiment) =>
        StoredResults.Read(experiment, Algorithms, Stages.Where(s => s.Experiments.Contains(experiment)).Select(s => new StageInput(s, Cache.ReadManifest(s), Cache.Folder(s))));

    /// <summary>Runs every plot and findings stage of <paramref name="graph"/> with the real runners; returns the failures.</summary>
    public IReadOnlyList<(Stage Stage, Exception Error)> RunReportStages(StageGraph graph)
    {
        var executor = new StageExecutor(graph, Cache, Path.Combine(Root, "data"), StageRunners.All(), new NoProgress());
        return executor.RunAllAsync(graph.Stages.Where(s => s.Kind is "plot" or "findings")).GetAwaiter().GetResult();
    }

    /// <summary>Removes the temporary root.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Root, true); }
        catch (IOException) { /* best effort */ }
    }

    /// <summary>A resolved spec of the given network and data set (n: HMM input size, 0 for other data; hidden: width, or K for the committee).</summary>
    public static ExperimentSpec Spec(string name, string arch, string dataset, int n, int hidden, int[] seeds) =>
        new(name, $"fabricated {arch} on {dataset}", $"specs/{name}.yaml", "", new DataSpec(dataset, 0, 0, 0, new HmmSpec(n == 0 ? 400 : n, 100, 300, 1000, 0)),
            arch == "committee" ? new NetworkSpec(arch, [], [], hidden, 1) : new NetworkSpec(arch, [hidden], [], 0, 1), seeds,
            Algorithms.Select(a => new AlgorithmSpec(a, "sgd", 0.05, "cosine", 0.9, true, 0.9, 0.999, 128, 10, 0)).ToList(),
            new ProbeSpec(SpecDefaults.Sigmas, SpecDefaults.FlipFractions, 10, 11, 0), "cpu");

    private static IEnumerable<(string A, string B, string Type, int K)> Pairs(IReadOnlyList<int> seeds)
    {
        // Same type: every pair of seeds; mixed: equal seeds. A is the flatter algorithm (first in the paper's order).
        foreach (var type in PairTypes)
        {
            var (x, y) = (type.Split('-')[0], type.Split('-')[1]);
            var k = 0;
            if (x == y)
            {
                for (var i = 0; i < seeds.Count; i++)
                for (var j = i + 1; j < seeds.Count; j++)
                    yield return ($"{x}-s{seeds[i]}", $"{y}-s{seeds[j]}", type, k++);
            }
            else
                foreach (var s in seeds) yield return ($"{x}-s{s}", $"{y}-s{s}", type, k++);
        }
    }

    /// <summary>
    /// Adds, for each algorithm, a solution (seed 9) that did not converge, with a local energy, paths, optimized paths and
    /// distances whose values reverse every finding, and optimized paths between converged solutions whose midpoint did not
    /// converge or whose manifest has no <c>midpoint_converged</c> (an older stage version): none of it may be read.
    /// </summary>
    private void Pollute(ExperimentSpec spec, StringBuilder rows, List<string> aligns)
    {
        var sigmas = Enumerable.Range(0, 11).Select(i => Math.Round(0.05 * i, 2)).ToArray();
        var poison = new Dictionary<string, double> { ["rsgd"] = 9.0, ["sgd"] = 0.0, ["adv"] = 0.0 };
        foreach (var a in Algorithms)
        {
            var name = $"{a}-s9";
            var train = Train(spec, a, 9, a == "rsgd" ? 0.9 : 0.0, "mlp:784,20,10", converged: false);
            LocalEnergy(spec, name, "multiplicative-gaussian", sigmas, sigmas.Select(x => poison[a] * x).ToArray(), a == "rsgd" ? 0.9 : 0.0, train);
            Add("canonicalize", $"canonicalize/{spec.Name}/{name}", spec.Name, [train.Key], new JsonObject { ["solution"] = name, ["predictions_changed"] = 0, ["self_alignment_distance"] = 1e-7 },
                new() { ["normalized.safetensors"] = "fake" });
        }
        foreach (var (a, b, type, _) in Pairs([1, 9]).Where(p => p.A.EndsWith("-s9", StringComparison.Ordinal) || p.B.EndsWith("-s9", StringComparison.Ordinal)))
        {
            var align = Add("align", $"align/{spec.Name}/{a}--{b}", spec.Name, [], new JsonObject { ["a"] = a, ["b"] = b, ["pair_type"] = type },
                new() { ["alignment.json"] = """{"permutations": {}, "euclidean_raw": 1, "euclidean_aligned": 1, "geodesic_normalized_aligned": 1}""" });
            aligns.Add(align.Key);
            AddPath(spec.Name, "path", "geodesic-aligned", a, b, type, 0.9, -1, [align.Key]);
            AddPath(spec.Name, "path", "linear-aligned", a, b, type, 0.9, -1, [align.Key]);
            AddPath(spec.Name, "path", "linear", a, b, type, 0.01, 0, [align.Key]);
            AddPath(spec.Name, "optimized-path", "geodesic-aligned", a, b, type, 0.5, 0, [align.Key], dAm: 14, dMb: 10);
            rows.Append(CultureInfo.InvariantCulture, $"{a},{b},{type},1,1,{(a.StartsWith("rsgd", StringComparison.Ordinal) ? 100 : 1)},,\n");
        }
        foreach (var (a, b, type, _) in Pairs([1, 2]).Where(p => p.Type is "rsgd-sgd" or "sgd-adv"))
        {
            AddPath(spec.Name, "optimized-path", "geodesic-aligned", a, b, type, 0.5, 0, [], dAm: 14, dMb: 10, midpointConverged: false, id: "unconverged");
            AddPath(spec.Name, "optimized-path", "linear-aligned", a, b, type, 0.5, 0, [], dAm: 14, dMb: 10, midpointConverged: null, id: "old");
        }
    }

    private Stage Train(ExperimentSpec spec, string algorithm, int seed, double test, string arch, bool converged = true) =>
        Add("train", $"train/{spec.Name}/{algorithm}/seed{seed}", spec.Name, [],
            new JsonObject
            {
                ["train_error"] = converged ? 0.0 : 0.2, ["test_error"] = test, ["converged"] = converged, ["max_train_error"] = 0.0, ["epochs"] = 7, ["epoch_cap"] = 10,
                ["train_seconds"] = 1.5, ["seconds_per_epoch"] = 0.2, ["train_samples"] = 1000, ["test_samples"] = 500, ["arch"] = arch,
            },
            new() { ["network.safetensors"] = "fake", ["history.csv"] = "epoch,loss,running_train_error,train_error,lr,seconds\n" },
            new JsonObject { ["algorithm"] = new JsonObject { ["name"] = algorithm }, ["seed"] = seed });

    private void LocalEnergy(ExperimentSpec spec, string solution, string noise, double[] levels, double[] mean, double test, Stage train)
    {
        var json = new JsonObject
        {
            ["solution"] = solution, ["noise"] = noise, ["levels"] = Arr(levels), ["mean"] = Arr(mean), ["std"] = Arr(mean.Select(m => 0.1 * m)),
            ["draws"] = 10, ["train_error"] = 0.0, ["test_error"] = test, ["eval_train_samples"] = 1000,
        };
        Add("local-energy", $"local-energy/{spec.Name}/{solution}", spec.Name, [train.Key], new JsonObject { ["solution"] = solution },
            new() { ["local_energy.json"] = json.ToJsonString() });
    }

    /// <summary>err(t) = h·4t(1−t)·(1 + skew·(t − 0.5)): a bump of height about h, higher towards B when skew &gt; 0.</summary>
    /// <remarks><paramref name="midpointConverged"/>: optimized paths' <c>midpoint_converged</c>; null leaves the field out (an older manifest).</remarks>
    private void AddPath(string experiment, string kind, string pathKind, string a, string b, string type, double h, double skew, IReadOnlyList<string> inputs,
        double? dAm = null, double? dMb = null, bool? midpointConverged = true, string id = "")
    {
        var err = T.Select(t => h * 4 * t * (1 - t) * (1 + skew * (t - 0.5))).ToArray();
        var csv = new StringBuilder("t,train_error,test_error\n");
        foreach (var (t, e) in T.Zip(err)) csv.Append(CultureInfo.InvariantCulture, $"{t:R},{e:R},{e + 0.02:R}\n");
        var result = new JsonObject { ["kind"] = pathKind, ["a"] = a, ["b"] = b, ["pair_type"] = type, ["barrier"] = err.Max(), ["barrier_above_line"] = err.Max() };
        if (dAm is not null)
        {
            result["d_am"] = dAm;
            result["d_mb"] = dMb;
            result["midpoint_train_error"] = midpointConverged == true ? 0.0 : 0.05;
            result["midpoint_start_train_error"] = 0.3;
            result["midpoint_max_train_error"] = 0.0;
            result["midpoints"] = 1;
            if (midpointConverged is { } c) result["midpoint_converged"] = c;
        }
        var files = new Dictionary<string, string> { ["path.csv"] = csv.ToString() };
        if (kind == "optimized-path") files["midpoint.safetensors"] = "fake";
        Add(kind, $"{kind}/{experiment}/{pathKind}/{a}--{b}{id}", experiment, inputs, result, files);
    }

    private static string PlaneJson(string space, string[] solutions, double width)
    {
        var xs = Enumerable.Range(0, 31).Select(i => -4 + i * 18.0 / 30).ToArray();
        var ys = Enumerable.Range(0, 21).Select(i => -4 + i * 14.0 / 20).ToArray();
        var points = new[] { (0.0, 0.0), (10.0, 0.0), (3.0, 6.0) };
        var widths = new[] { 3.0 * width, 1.5, 2.0 * width };
        double Err(double x, double y) => 0.9 * points.Select((p, i) => 1 - Math.Exp(-((x - p.Item1) * (x - p.Item1) + (y - p.Item2) * (y - p.Item2)) / (widths[i] * widths[i]))).Min();
        var train = new JsonArray(ys.Select(y => (JsonNode?)Arr(xs.Select(x => Err(x, y)))).ToArray());
        var test = new JsonArray(ys.Select(y => (JsonNode?)Arr(xs.Select(x => Math.Min(1, Err(x, y) + 0.05)))).ToArray());
        var o = new JsonObject
        {
            ["space"] = space, ["solutions"] = new JsonArray(solutions.Select(s => (JsonNode?)s).ToArray()), ["x"] = Arr(xs), ["y"] = Arr(ys),
            ["train_error"] = train, ["test_error"] = test,
            ["points"] = new JsonObject { ["a"] = Arr([0, 0]), ["b"] = Arr([10, 0]), ["c"] = Arr([3, 6]) },
        };
        return o.ToJsonString();
    }

    private static JsonArray Arr(IEnumerable<double> xs) => new(xs.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());

    /// <summary>Writes a finished stage: its files, then its manifest (outputs hashed) in the cache's format.</summary>
    public Stage Add(string kind, string id, string experiment, IReadOnlyList<string> inputs, JsonObject result, Dictionary<string, string> files,
        JsonObject? settings = null)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
        var stage = new Stage(kind, key, id, settings ?? new JsonObject { ["id"] = id }, inputs, [experiment]);
        var dir = Cache.Folder(kind, key);
        Directory.CreateDirectory(dir);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(dir, name), text);
        var outputs = files.Keys.ToDictionary(n => n, n => new OutputFile(new FileInfo(Path.Combine(dir, n)).Length, StageCache.Sha256(Path.Combine(dir, n))));
        var provenance = new JsonObject { ["wall_s"] = 0.5, ["reproduce"] = "test", ["torchsharp"] = "0.107.0", ["dotnet"] = ".NET test", ["os"] = "test-os", ["torch_threads"] = 1 };
        var manifest = new StageManifest(kind, key, 1, id, stage.Settings, inputs, outputs, result, provenance);
        File.WriteAllText(Path.Combine(dir, StageCache.ManifestName), JsonSerializer.Serialize(manifest, ManifestJson));
        Stages.Add(stage);
        return stage;
    }

    private sealed class NoProgress : IProgressSink
    {
        public IStageProgressHandle Start(Stage stage) => new Quiet();

        private sealed class Quiet : IStageProgressHandle
        {
            public void Report(double fraction, string status) { }

            public void Dispose() { }
        }
    }
}
