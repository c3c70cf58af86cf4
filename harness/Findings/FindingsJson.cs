using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reproduce.Harness.Findings;

/// <summary>
/// <c>findings.json</c> (docs/stages.md): <c>{"experiment", "findings": [{"id", "title", "figure", "verdict", "explanation",
/// "detail", "decisive", "margin", "tolerance", "spread", "inputs": {"what", "used", "left_out"}, "numbers": {name: value},
/// "comparisons": [{"label", "claim", "a", "b", "margin", "tolerance", "spread", "verdict", "inputs"}]}]}</c>. A number that
/// is not finite, and a margin, tolerance or spread that does not apply, is written as null.
/// </summary>
public static class FindingsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON text of an experiment's findings.</summary>
    public static string Write(string experiment, IReadOnlyList<Finding> findings)
    {
        var list = new JsonArray();
        foreach (var f in findings)
        {
            var numbers = new JsonObject();
            foreach (var (k, v) in f.Numbers) numbers[k] = Num(v);
            var comparisons = new JsonArray(f.Comparisons.Select(c => (JsonNode?)new JsonObject
            {
                ["label"] = c.Label, ["claim"] = c.Claim, ["a"] = Num(c.A), ["b"] = Num(c.B), ["margin"] = Num(c.Margin), ["tolerance"] = Num(c.Tolerance),
                ["spread"] = Num(c.Spread), ["verdict"] = Verdicts.Text(c.Verdict), ["inputs"] = c.Inputs,
            }).ToArray());
            list.Add(new JsonObject
            {
                ["id"] = f.Id,
                ["title"] = f.Title,
                ["figure"] = FindingCatalog.Figure(f.Id),
                ["verdict"] = f.VerdictText,
                ["explanation"] = f.Explanation,
                ["detail"] = f.Detail,
                ["decisive"] = f.Decisive,
                ["margin"] = Num(f.Margin),
                ["tolerance"] = Num(f.Tolerance),
                ["spread"] = Num(f.Spread),
                ["inputs"] = new JsonObject { ["what"] = f.Inputs.What, ["used"] = f.Inputs.Used, ["left_out"] = f.Inputs.LeftOut },
                ["numbers"] = numbers,
                ["comparisons"] = comparisons,
            });
        }
        return new JsonObject { ["experiment"] = experiment, ["findings"] = list }.ToJsonString(Options);
    }

    /// <summary>Reads findings.json back; a missing or malformed field is an error naming the finding and the field.</summary>
    public static IReadOnlyList<Finding> Read(string text)
    {
        var doc = JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException("findings.json: expected an object");
        var list = doc["findings"] as JsonArray ?? throw new InvalidDataException("findings.json: field 'findings' is missing or not a list");
        return list.Select((n, i) =>
        {
            var o = n as JsonObject ?? throw new InvalidDataException($"findings.json: findings[{i}] is not an object");
            var at = $"findings.json: findings[{i}]";
            var inputs = o["inputs"] as JsonObject ?? throw new InvalidDataException($"{at}: field 'inputs' is missing (an older findings.json: rerun the findings stage)");
            var comparisons = (o["comparisons"] as JsonArray ?? []).Select(c => (JsonObject)c!).Select(c => new Comparison(Str(c, "label", at), Str(c, "claim", at),
                NaN(c["a"]), NaN(c["b"]), NaN(c["margin"]), NaN(c["tolerance"]), Opt(c["spread"]), Verdicts.Parse(Str(c, "verdict", at)), (int)(c["inputs"] ?? 0))).ToList();
            var numbers = ((JsonObject?)o["numbers"] ?? []).Select(kv => new KeyValuePair<string, double>(kv.Key, NaN(kv.Value))).ToList();
            return new Finding(Str(o, "id", at), Verdicts.Parse(Str(o, "verdict", at)), numbers, comparisons, Str(o, "decisive", at), Opt(o["margin"]), Opt(o["tolerance"]), Opt(o["spread"]),
                new FindingInputs(Str(inputs, "what", at), (int)(inputs["used"] ?? 0), (int)(inputs["left_out"] ?? 0)), Str(o, "detail", at), Str(o, "explanation", at));
        }).ToList();
    }

    private static JsonNode? Num(double? x) => x is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static double NaN(JsonNode? n) => n is null ? double.NaN : (double)n;

    private static double? Opt(JsonNode? n) => n is null ? null : (double)n;

    private static string Str(JsonObject o, string key, string at) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidDataException($"{at}: field '{key}' is missing or not text");
}
