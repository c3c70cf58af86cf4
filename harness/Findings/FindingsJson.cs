using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reproduce.Harness.Findings;

/// <summary>
/// <c>findings.json</c> (docs/stages.md): <c>{"experiment", "findings": [{"id", "title", "verdict", "numbers": {...},
/// "tolerance", "detail"}]}</c>. A number that is not finite is written as null.
/// </summary>
public static class FindingsJson
{
    /// <summary>The JSON text of an experiment's findings.</summary>
    public static string Write(string experiment, IReadOnlyList<Finding> findings)
    {
        var list = new JsonArray();
        foreach (var f in findings)
        {
            var numbers = new JsonObject();
            foreach (var (k, v) in f.Numbers) numbers[k] = double.IsFinite(v) ? v : null;
            list.Add(new JsonObject
            {
                ["id"] = f.Id,
                ["title"] = f.Title,
                ["verdict"] = f.VerdictText,
                ["numbers"] = numbers,
                ["tolerance"] = f.Tolerance,
                ["detail"] = f.Detail,
            });
        }
        var doc = new JsonObject { ["experiment"] = experiment, ["findings"] = list };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Reads findings.json back.</summary>
    public static IReadOnlyList<Finding> Read(string text)
    {
        var doc = JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException("findings.json: expected an object");
        return ((JsonArray)doc["findings"]!).Select(n =>
        {
            var o = (JsonObject)n!;
            var verdict = (string)o["verdict"]! switch
            {
                "holds" => Verdict.Holds,
                "fails" => Verdict.Fails,
                _ => Verdict.NotMeasured,
            };
            var numbers = ((JsonObject?)o["numbers"] ?? []).Select(kv => new KeyValuePair<string, double>(kv.Key, kv.Value is null ? double.NaN : (double)kv.Value)).ToList();
            return new Finding((string)o["id"]!, (string)o["title"]!, verdict, numbers, o["tolerance"] is null ? null : (double)o["tolerance"]!, (string)o["detail"]!);
        }).ToList();
    }
}
