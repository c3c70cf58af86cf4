using System.Text.Json.Nodes;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>Reads the JSON-lines logs of runs under a root (<c>artifacts/logs/*.jsonl</c>), workers' events included.</summary>
public static class RunLogs
{
    /// <summary>The log files under <paramref name="root"/>.</summary>
    public static IReadOnlySet<string> Files(string root)
    {
        var dir = Path.Combine(root, "artifacts", "logs");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "*.jsonl").ToHashSet() : new HashSet<string>();
    }

    /// <summary>The stage id of every "running" event (a stage starting to compute) in <paramref name="files"/>, in file order.</summary>
    public static IReadOnlyList<string> Computed(IEnumerable<string> files) =>
        files.SelectMany(File.ReadLines).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(e => (string?)e["@mt"] == "{Stage}: running ({Kind} {Key})")
            .Select(e => (string)e["Stage"]!).ToList();
}
