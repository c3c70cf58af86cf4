using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Plots;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// The files the commands on a user's networks write: JSON, <c>path.csv</c> in the path stage's format, and the paper's
/// figures drawn by the same panels as the report's (<see cref="PathProfilesFigure"/>, <see cref="LocalEnergyFigure"/>,
/// <see cref="PlaneFigure"/>) from one network's (pair's, triple's) results, as PNG and SVG.
/// </summary>
public static class ProbeOutputs
{
    /// <summary>Writes indented JSON (UTF-8, no BOM) to <paramref name="dir"/>/<paramref name="file"/>.</summary>
    public static void Json(string dir, string file, JsonNode node) =>
        File.WriteAllText(Path.Combine(dir, file), node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    /// <summary>Writes <c>path.csv</c>: <c>t,train_error,test_error</c>, numbers round-trip (the path stage's file).</summary>
    public static void PathCsv(string dir, PathCurve curve)
    {
        var sb = new StringBuilder("t,train_error,test_error\n");
        for (var i = 0; i < curve.T.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{curve.T[i]:R},{curve.TrainError[i]:R},{curve.TestError[i]:R}\n");
        File.WriteAllText(Path.Combine(dir, "path.csv"), sb.ToString());
    }

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>Fig. 2's curve for one pair: train error along the path of <paramref name="kind"/>, A → B.</summary>
    public static string PathFigure(string dir, string kind, PathCurve curve, string a, string b)
    {
        var pair = $"{a}-{b}";
        var result = new PathResult(kind, false, a, b, pair, curve.T, curve.TrainError, curve.TestError, curve.Barrier, curve.BarrierAboveLine, null, null, null);
        var r = Results([a, b], paths: [result]);
        return FigureCanvas.Save(Path.Combine(dir, "path"), $"Fig. 2: train error along the {kind} path {a} → {b}",
            PathProfilesFigure.Panels(r, optimized: false), 1).Png;
    }

    /// <summary>Fig. 1 for one network: ΔE against the noise level, and its test error against ΔE at σ* (p* for binary nets).</summary>
    public static string LocalEnergyFigure(string dir, string name, Core.Probes.LocalEnergyResult e, double testError)
    {
        var result = new Findings.LocalEnergyResult(name, name, e.Noise, e.Levels, e.Mean, e.Std, e.TrainError, testError);
        var star = e.Noise == Core.Probes.LocalEnergy.SignFlip ? SpecDefaults.FindingsFlipStar : SpecDefaults.FindingsSigmaStar;
        return FigureCanvas.Save(Path.Combine(dir, "local-energy"), $"Fig. 1: local energy of {name}",
            Plots.LocalEnergyFigure.Panels(Results([name], energies: [result]), star), 2).Png;
    }

    /// <summary>Fig. 4: train error on the planes through three networks named <paramref name="names"/>, raw and normalized.</summary>
    public static string PlaneFigure(string dir, IReadOnlyList<string> names, IReadOnlyList<(string Space, Core.Probes.PlaneResult Plane)> planes, string title)
    {
        var results = planes.Select(p => new Findings.PlaneResult(p.Space, names, p.Plane.X, p.Plane.Y, p.Plane.TrainError, p.Plane.TestError,
            new Dictionary<string, (double X, double Y)> { ["a"] = p.Plane.Points[0], ["b"] = p.Plane.Points[1], ["c"] = p.Plane.Points[2] })).ToList();
        return FigureCanvas.Save(Path.Combine(dir, "plane"), title,
            Plots.PlaneFigure.Panels(Results(names, planes: results), withTest: false), 2).Png;
    }

    /// <summary>The JSON object of a plane (the plane stage's plane.json).</summary>
    public static JsonObject Plane(string space, IReadOnlyList<string> names, Core.Probes.PlaneResult plane, int trainSamples, int testSamples)
    {
        var points = new JsonObject();
        for (var k = 0; k < 3; k++) points[names[k]] = Numbers([plane.Points[k].X, plane.Points[k].Y]);
        return new JsonObject
        {
            ["space"] = space,
            ["solutions"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["x"] = Numbers(plane.X),
            ["y"] = Numbers(plane.Y),
            ["train_error"] = new JsonArray(plane.TrainError.Select(r => (JsonNode?)Numbers(r)).ToArray()),
            ["test_error"] = new JsonArray(plane.TestError.Select(r => (JsonNode?)Numbers(r)).ToArray()),
            ["points"] = points,
            ["eval_train_samples"] = trainSamples,
            ["eval_test_samples"] = testSamples,
        };
    }

    private static ExperimentResults Results(IReadOnlyList<string> algorithms, IReadOnlyList<PathResult>? paths = null,
        IReadOnlyList<Findings.LocalEnergyResult>? energies = null, IReadOnlyList<Findings.PlaneResult>? planes = null) =>
        new("user", algorithms, [], energies ?? [], paths ?? [], planes ?? [], [], []);
}
