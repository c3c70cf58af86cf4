using Reproduce.Core.Symmetry;
using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.Specs;

/// <summary>
/// Loads a spec file strictly: unknown or duplicate keys, wrong types and out-of-range values fail with
/// file, line, column and the field's expected form. A profile section overlays the base spec and may
/// change only fields marked as sizes.
/// </summary>
public static class SpecLoader
{
    /// <summary>
    /// Loads <paramref name="path"/> (relative to <paramref name="baseDirectory"/> when given; messages name it as given)
    /// resolved for <paramref name="profile"/> (null: the base spec).
    /// </summary>
    public static ExperimentSpec Load(string path, string? profile, string? baseDirectory = null) =>
        Parse(File.ReadAllText(baseDirectory is null ? path : Path.Combine(baseDirectory, path)), path, profile, out _);

    /// <summary>Parses spec text; <paramref name="context"/> receives every field read (for documentation checks).</summary>
    public static ExperimentSpec Parse(string text, string file, string? profile, out SpecReadContext context)
    {
        if (profile is not null && !SpecDefaults.Profiles.Contains(profile))
            throw new ArgumentException($"unknown profile '{profile}'; expected one of {string.Join(", ", SpecDefaults.Profiles)}");
        var root = YamlTreeReader.Read(text, file);
        if (root is not YamlMapping rootMap)
            throw new SpecException(file, root.Line, root.Column, "", $"expected a mapping at the top of the spec, found {root.Form}");

        context = new SpecReadContext(file);
        var profiles = ReadProfiles(rootMap, file);
        var baseMap = rootMap with { Entries = rootMap.Entries.Where(e => e.Key.Value != "profiles").ToList() };
        var overrides = new List<(string Path, YamlNode Node)>();
        var chosen = profile is not null && profiles.TryGetValue(profile, out var p) ? p : null;
        var merged = chosen is null ? baseMap : ProfileOverlay.Merge(baseMap, chosen, "", profile!, overrides);

        var spec = Bind(new MappingReader(merged, "", "", context), file, profile ?? "");
        foreach (var (at, node) in overrides)
        {
            if (context.Fields.TryGetValue(at, out var info) && info.IsSize) continue;
            var sizes = string.Join(", ", context.Fields.Values.Where(f => f.IsSize).Select(f => f.DocPath).Distinct().Order(StringComparer.Ordinal));
            throw new SpecException(node.File, node.Line, node.Column, $"profiles.{profile}.{at}",
                $"a profile may change only sizes ({sizes}); '{at}' changes what is computed");
        }
        return spec;
    }

    private static Dictionary<string, YamlMapping> ReadProfiles(YamlMapping root, string file)
    {
        var result = new Dictionary<string, YamlMapping>();
        var node = root.Get("profiles");
        if (node is null) return result;
        if (node is not YamlMapping map)
            throw new SpecException(file, node.Line, node.Column, "profiles", $"expected a mapping of profile names, found {node.Form}");
        foreach (var (key, value) in map.Entries)
        {
            if (!SpecDefaults.Profiles.Contains(key.Value))
                throw new SpecException(file, key.Line, key.Column, $"profiles.{key.Value}",
                    $"unknown profile '{key.Value}'; allowed here: {string.Join(", ", SpecDefaults.Profiles)}");
            result[key.Value] = value as YamlMapping ?? throw new SpecException(file, value.Line, value.Column,
                $"profiles.{key.Value}", $"expected a mapping of overrides, found {value.Form}");
        }
        return result;
    }

    private static ExperimentSpec Bind(MappingReader r, string file, string profile)
    {
        var name = r.Name("experiment", null);
        var description = r.Text("description", "");
        var device = r.Choice("device", "cpu", SpecDefaults.Devices);
        var enabled = r.Bool("enabled", true, size: true);
        var seeds = r.IntList("seeds", SpecDefaults.Seeds, 0, int.MaxValue, 1, 1000, distinct: true, size: true);

        var d = r.Section("data");
        var dataset = d.Choice("dataset", "", SpecDefaults.Datasets);
        if (dataset.Length == 0) throw d.ErrorAt("dataset", $"is required: expected one of {string.Join(", ", SpecDefaults.Datasets)}");
        var trainSubset = d.Int("train_subset", 0, 0, int.MaxValue, size: true);
        var subsetSeed = d.Int("subset_seed", 0, 0, int.MaxValue);
        var testSubset = d.Int("test_subset", 0, 0, int.MaxValue, size: true);
        var h = d.Section("hmm");
        var hmmD = h.Int("d", SpecDefaults.HmmD, 1, 100_000, size: true);
        var hmm = new HmmSpec(
            N: h.Int("n", SpecDefaults.HmmN, 1, 1_000_000, size: true),
            D: hmmD,
            P: h.Int("p", 3 * hmmD, 1, 10_000_000, size: true),
            TestSize: h.Int("test_size", SpecDefaults.HmmTestSize, 1, 10_000_000, size: true),
            Seed: h.Int("seed", 0, 0, int.MaxValue));
        h.Finish();
        d.Finish();

        var network = NetworkBinder.Bind(r.Section("network"), dataset);

        var a = r.Section("algorithms");
        var algorithms = new List<AlgorithmSpec>();
        foreach (var algo in a.Keys)
        {
            if (!SpecDefaults.Algorithms.Contains(algo))
                throw a.ErrorAt(algo, $"unknown algorithm '{algo}'; allowed here: {string.Join(", ", SpecDefaults.Algorithms)}");
            algorithms.Add(AlgorithmBinder.Bind(a.Section(algo, "<name>"), algo, network.IsBinary));
        }
        if (algorithms.Count == 0) throw r.ErrorAt("algorithms", $"expected at least one algorithm ({string.Join(", ", SpecDefaults.Algorithms)})");
        a.Finish();

        var pr = r.Section("probes");
        var le = pr.Section("local_energy");
        var paths = pr.Section("paths");
        var op = pr.Section("optimized_path");
        var plane = pr.Section("plane");
        var probes = new ProbeSpec(
            Sigmas: le.NumberList("sigmas", SpecDefaults.Sigmas, 0, 10, 1, 1000, size: true),
            FlipFractions: le.NumberList("flip_fractions", SpecDefaults.FlipFractions, 0, 1, 1, 1000, size: true),
            Draws: le.Int("draws", SpecDefaults.Draws, 1, 100_000, size: true),
            PathPoints: paths.Int("points", SpecDefaults.PathPoints, 2, 10_000, size: true),
            EvalTrainSubset: pr.Int("eval_train_subset", 0, 0, int.MaxValue, size: true),
            BatchNormRecompute: pr.Bool("bn_recompute", true),
            Seed: pr.Int("seed", 0, 0, int.MaxValue),
            HammingOrders: paths.Int("hamming_orders", SpecDefaults.HammingOrders, 1, 10_000, size: true),
            MidpointEpochs: op.Int("epochs", SpecDefaults.MidpointEpochs, 1, 100_000, size: true),
            MidpointMaxTrainError: op.NumberOrWord("max_train_error", "sgd", 0, 1, size: true),
            MidpointChecksPerEpoch: op.Int("checks_per_epoch", SpecDefaults.MidpointChecksPerEpoch, 1, 10_000),
            Midpoints: network.IsBinary ? op.Int("midpoints", SpecDefaults.Midpoints, 1, 1000, size: true) : 1,
            PlaneResolution: plane.Int("resolution", SpecDefaults.PlaneResolution, 2, 1000, size: true),
            PlaneMargin: plane.Number("margin", SpecDefaults.PlaneMargin, 0, 10, size: true),
            EvalTestSubset: pr.Int("eval_test_subset", 0, 0, int.MaxValue, size: true),
            PairsPerType: pr.Int("pairs_per_type", 0, 0, int.MaxValue, size: true));
        var n = pr.Section("normalization");
        probes = probes with
        {
            Normalization = new NormalizationSettings(
                HiddenNorm: n.NumberOrWord("hidden_norm", SpecDefaults.HiddenNormRule, 0, SpecDefaults.MaxNorm, minExclusive: true),
                OutputNorm: n.NumberOrWord("output_norm", SpecDefaults.OutputNormRule, 0, SpecDefaults.MaxNorm, minExclusive: true),
                BatchNormAffineNorm: n.Number("bn_affine_norm", NormalizationSettings.Default.BatchNormAffineNorm, 0, SpecDefaults.MaxNorm, minExclusive: true)),
        };
        n.Finish();
        le.Finish();
        paths.Finish();
        op.Finish();
        plane.Finish();
        pr.Finish();
        var findings = FindingsSpec.Read(r.Section("findings"));
        var resources = ResourceReader.Read(r.Section("resources"));
        r.Section("profiles");
        r.Finish();
        return new ExperimentSpec(name, description, file, profile, new DataSpec(dataset, trainSubset, subsetSeed, testSubset, hmm),
            network, seeds, algorithms, probes, device) { Findings = findings, Resources = resources, Enabled = enabled };
    }
}
