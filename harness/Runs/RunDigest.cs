using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;

namespace Reproduce.Harness.Runs;

/// <summary>
/// A run's results as comparable lines, timings left out: for every done stage (plan order), each output
/// <c>STAGE FILE SHA256</c> and its manifest's result <c>STAGE result SHA256</c>; <c>STAGE not-done</c> for a stage without
/// a result and <c>STAGE corrupt</c> for one whose manifest or outputs do not match.
/// Timings are the one thing two runs of a stage may differ in: a CSV column named <c>seconds</c> (the training
/// histories) and the result fields whose name contains <c>seconds</c>; both are removed before hashing. Two runs gave
/// the same results, bit for bit, when their digests are equal (<c>reproduce digest</c>).
/// </summary>
public static class RunDigest
{
    /// <summary>The digest of every planned stage of <paramref name="ws"/>.</summary>
    public static IReadOnlyList<string> Of(Workspace ws)
    {
        var lines = new List<string>();
        foreach (var stage in ws.Graph.Stages)
        {
            var state = ws.Cache.Inspect(stage, out _);
            if (state != StageState.Done)
            {
                lines.Add($"{stage.Id} {(state == StageState.Corrupt ? "corrupt" : "not-done")}");
                continue;
            }
            var manifest = ws.Cache.ReadManifest(stage);
            foreach (var name in manifest.Outputs.Keys.Order(StringComparer.Ordinal))
                lines.Add($"{stage.Id} {name} {Untimed(Path.Combine(ws.Cache.Folder(stage), name))}");
            var result = new JsonObject(manifest.Result.Where(p => !p.Key.Contains("seconds", StringComparison.Ordinal))
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            lines.Add($"{stage.Id} result {Sha256(Encoding.UTF8.GetBytes(result.ToJsonString()))}");
        }
        return lines;
    }

    /// <summary>SHA-256 of a file; for a CSV with a <c>seconds</c> column, of its text without that column.</summary>
    public static string Untimed(string file)
    {
        if (!file.EndsWith(".csv", StringComparison.Ordinal)) return StageCache.Sha256(file);
        var rows = File.ReadAllLines(file);
        var column = rows.Length == 0 ? -1 : Array.IndexOf(rows[0].Split(','), "seconds");
        if (column < 0) return StageCache.Sha256(file);
        var kept = rows.Select(r => string.Join(',', r.Split(',').Where((_, i) => i != column)));
        return Sha256(Encoding.UTF8.GetBytes(string.Join('\n', kept)));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
