using Reproduce.Harness.Planning;
using System.Globalization;
using System.Text.Json.Nodes;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Findings;

/// <summary>
/// Reads the stored results of finished stages (manifests, JSON and CSV files; never networks) into
/// <see cref="ExperimentResults"/>. Stage kinds it does not know are ignored, so it reads whatever a run produced.
/// </summary>
public static class StoredResults
{
    /// <summary>Kinds whose results are read.</summary>
    public static readonly IReadOnlyList<string> Kinds = [StageKinds.Train, StageKinds.Canonicalize, StageKinds.Align, StageKinds.LocalEnergy, StageKinds.Path, StageKinds.OptimizedPath, StageKinds.Plane, StageKinds.Distances];

    /// <summary>Reads the results of <paramref name="inputs"/> for <paramref name="experiment"/>.</summary>
    public static ExperimentResults Read(string experiment, IReadOnlyList<string> algorithms, IEnumerable<StageInput> inputs)
    {
        var solutions = new List<SolutionResult>();
        var energies = new List<LocalEnergyResult>();
        var paths = new List<PathResult>();
        var planes = new List<PlaneResult>();
        var distances = new List<DistanceResult>();
        var alignDistances = new List<DistanceResult>();
        var checks = new List<InvarianceCheck>();
        foreach (var input in inputs)
        {
            var result = input.Manifest.Result;
            switch (input.Stage.Kind)
            {
                case StageKinds.Train:
                    solutions.Add(Solution(input));
                    break;
                case StageKinds.LocalEnergy:
                    energies.Add(LocalEnergy(Json(input, "local_energy.json")));
                    break;
                case StageKinds.Path:
                case StageKinds.OptimizedPath:
                    paths.Add(Path(input));
                    break;
                case StageKinds.Plane:
                    planes.Add(Plane(Json(input, "plane.json")));
                    break;
                case StageKinds.Distances:
                    distances.AddRange(DistancesCsv(File.ReadAllText(System.IO.Path.Combine(input.Folder, "distances.csv"))));
                    break;
                case StageKinds.Align:
                    if (File.Exists(System.IO.Path.Combine(input.Folder, "alignment.json")) && result["a"] is not null && result["b"] is not null)
                    {
                        var j = Json(input, "alignment.json");
                        alignDistances.Add(new DistanceResult(Str(result, "a"), Str(result, "b"), Str(result, "pair_type"), Num(j, "euclidean_raw"),
                            Num(j, "euclidean_aligned"), Num(j, "geodesic_normalized_aligned"), Num(j, "hamming_raw"), Num(j, "hamming_aligned")));
                    }
                    goto case StageKinds.Canonicalize;
                case StageKinds.Canonicalize:
                    var changed = Num(result, "predictions_changed");
                    var self = Num(result, "self_alignment_distance");
                    if (changed is not null || self is not null)
                        checks.Add(new InvarianceCheck(input.Stage.Id, changed is { } c ? (int)c : null, self,
                            result["solution"] is not null ? Str(result, "solution") : Str(result, "a")));
                    break;
            }
        }
        return new ExperimentResults(experiment, algorithms,
            solutions.OrderBy(s => Rank(algorithms, s.Algorithm)).ThenBy(s => s.Seed).ToList(),
            energies.OrderBy(e => Rank(algorithms, e.Algorithm)).ThenBy(e => e.Solution, StringComparer.Ordinal).ToList(),
            paths.OrderBy(p => p.Optimized).ThenBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal).ToList(),
            planes, distances.Count > 0 ? distances : alignDistances, checks);
    }

    /// <summary>Parses <c>distances.csv</c> (empty cells are null).</summary>
    public static IReadOnlyList<DistanceResult> DistancesCsv(string text)
    {
        var rows = Csv(text);
        return rows.Select(r => new DistanceResult(r["a"]!, r["b"]!, r["pair_type"]!, Cell(r, "euclidean_raw"), Cell(r, "euclidean_aligned"),
            Cell(r, "geodesic_normalized_aligned"), Cell(r, "hamming_raw"), Cell(r, "hamming_aligned"))).ToList();
    }

    private static SolutionResult Solution(StageInput input)
    {
        var r = input.Manifest.Result;
        var s = input.Stage.Settings;
        var algorithm = (string?)s["algorithm"]?["name"] ?? ExperimentResults.AlgorithmOf(Str(r, "solution"));
        var seed = s["seed"] is { } sd ? (int)sd : 0;
        var name = r["solution"] is { } n ? (string)n! : $"{algorithm}-s{seed}";
        return new SolutionResult(name, algorithm, seed, Num(r, "train_error") ?? double.NaN, Num(r, "test_error") ?? double.NaN,
            r["converged"] is { } c && (bool)c, Num(r, "max_train_error") ?? double.NaN, (int)(Num(r, "epochs") ?? 0), (int)(Num(r, "epoch_cap") ?? 0),
            Num(r, "train_seconds") ?? double.NaN, Str(r, "arch"), (int)(Num(r, "test_samples") ?? 0));
    }

    private static LocalEnergyResult LocalEnergy(JsonObject j)
    {
        var solution = Str(j, "solution");
        return new LocalEnergyResult(solution, ExperimentResults.AlgorithmOf(solution), Str(j, "noise"), Numbers(j["levels"]), Numbers(j["mean"]),
            Numbers(j["std"]), Num(j, "train_error") ?? double.NaN, Num(j, "test_error") ?? double.NaN, (int)(Num(j, "eval_train_samples") ?? 0));
    }

    private static PathResult Path(StageInput input)
    {
        var r = input.Manifest.Result;
        var rows = Csv(File.ReadAllText(System.IO.Path.Combine(input.Folder, "path.csv")));
        var t = rows.Select(x => Cell(x, "t") ?? double.NaN).ToList();
        var train = rows.Select(x => Cell(x, "train_error") ?? double.NaN).ToList();
        var test = rows.Select(x => Cell(x, "test_error") ?? double.NaN).ToList();
        var optimized = input.Stage.Kind == StageKinds.OptimizedPath;
        // An optimized path's midpoint is evidence only when its stage says it converged: an older manifest without
        // midpoint_converged reads as not converged, never as converged.
        var midpoint = optimized
            ? new MidpointResult(r["midpoint_converged"] is JsonValue mc && mc.TryGetValue<bool>(out var converged) && converged,
                Num(r, "midpoint_train_error") ?? double.NaN, Num(r, "midpoint_start_train_error") ?? double.NaN,
                Num(r, "midpoint_max_train_error") ?? double.NaN, (int)(Num(r, "midpoints") ?? 1), r["midpoint_converged"] is not null)
            : null;
        return new PathResult(Str(r, "kind"), optimized, Str(r, "a"), Str(r, "b"), Str(r, "pair_type"), t, train, test,
            Num(r, "barrier") ?? train.Max(), Num(r, "barrier_above_line") ?? double.NaN, Num(r, "d_am"), Num(r, "d_mb"), Num(r, "midpoint_train_error"), midpoint,
            (int)(Num(r, "eval_train_samples") ?? 0));
    }

    private static PlaneResult Plane(JsonObject j)
    {
        var points = new Dictionary<string, (double, double)>();
        foreach (var (k, v) in (JsonObject)j["points"]!)
        {
            var xy = Numbers(v);
            points[k] = (xy[0], xy[1]);
        }
        return new PlaneResult(Str(j, "space"), ((JsonArray)j["solutions"]!).Select(s => (string)s!).ToList(), Numbers(j["x"]), Numbers(j["y"]),
            Grid(j["train_error"])!, Grid(j["test_error"]), points);
    }

    private static double[][]? Grid(JsonNode? n) => n is JsonArray rows ? rows.Select(r => Numbers(r).ToArray()).ToArray() : null;

    private static JsonObject Json(StageInput input, string file)
    {
        var path = System.IO.Path.Combine(input.Folder, file);
        return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object");
    }

    private static List<double> Numbers(JsonNode? n) =>
        n is JsonArray a ? a.Select(x => x is null ? double.NaN : (double)x).ToList() : [];

    private static double? Num(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<double>(out var x) ? x : null;

    private static string Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static int Rank(IReadOnlyList<string> order, string algorithm)
    {
        var i = order.ToList().IndexOf(algorithm);
        return i < 0 ? int.MaxValue : i;
    }

    private static double? Cell(IReadOnlyDictionary<string, string?> row, string column) =>
        row.TryGetValue(column, out var s) && !string.IsNullOrWhiteSpace(s) ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static List<Dictionary<string, string?>> Csv(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0) return [];
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            var row = new Dictionary<string, string?>();
            for (var i = 0; i < header.Length; i++) row[header[i].Trim()] = i < cells.Length ? cells[i].Trim() : null;
            return row;
        }).ToList();
    }
}
