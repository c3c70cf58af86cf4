using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Cache;

/// <summary>
/// The content-addressed stage cache: <c>&lt;root&gt;/&lt;kind&gt;/&lt;key&gt;/</c> holds a stage's outputs and, once it
/// finished, <c>manifest.json</c>, written last through a temporary file and an atomic rename. A folder without a
/// valid manifest is never taken as done.
/// </summary>
public sealed class StageCache(string root)
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>A stage's subfolder of cluster job records and logs (kept by <see cref="Prepare"/>: a job's log is open while it runs).</summary>
    public const string JobFolder = "slurm";

    /// <summary>A stage's subfolder of the local worker process's log (kept by <see cref="Prepare"/>: the parent writes it while the worker runs).</summary>
    public const string WorkerFolder = "worker";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The cache root (artifacts/cache).</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The folder of a stage.</summary>
    public string Folder(string kind, string key) => Path.Combine(Root, kind, key);

    /// <summary>The folder of <paramref name="stage"/>.</summary>
    public string Folder(Stage stage) => Folder(stage.Kind, stage.Key);

    /// <summary>Checks a stage: Done only when its manifest parses, names this key and every output matches its size and hash.</summary>
    public StageState Inspect(Stage stage, out string? problem)
    {
        problem = null;
        var path = Path.Combine(Folder(stage), ManifestName);
        if (!File.Exists(path)) return StageState.Missing;
        StageManifest? m;
        try
        {
            m = JsonSerializer.Deserialize<StageManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            problem = $"{path}: unreadable manifest ({e.Message})";
            return StageState.Corrupt;
        }
        if (m is null || m.Key != stage.Key || m.Kind != stage.Kind || m.Outputs is null)
        {
            problem = $"{path}: manifest is not that of {stage.Kind}/{stage.Key}";
            return StageState.Corrupt;
        }
        foreach (var (name, expected) in m.Outputs)
        {
            var file = Path.Combine(Folder(stage), name);
            if (!File.Exists(file)) { problem = $"{file}: output listed in the manifest is missing"; return StageState.Corrupt; }
            if (new FileInfo(file).Length != expected.Bytes || Sha256(file) != expected.Sha256)
            {
                problem = $"{file}: output differs from its manifest (size or SHA-256)";
                return StageState.Corrupt;
            }
        }
        return StageState.Done;
    }

    /// <summary>Reads the manifest of a done stage.</summary>
    public StageManifest ReadManifest(Stage stage)
    {
        var path = Path.Combine(Folder(stage), ManifestName);
        return JsonSerializer.Deserialize<StageManifest>(File.ReadAllText(path), Json)
               ?? throw new InvalidDataException($"{path}: empty manifest");
    }

    /// <summary>
    /// Prepares a stage's folder to run: removes a stale manifest and every file but those under
    /// <c>checkpoint/</c> (which a resumable stage reads back), <c>slurm/</c> and <c>worker/</c> (logs being written) and
    /// the lock file (<see cref="StageLock"/>), and returns the folder.
    /// </summary>
    public string Prepare(Stage stage)
    {
        var dir = Folder(stage);
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.EnumerateFiles(dir).Where(f => Path.GetFileName(f) != StageLock.FileName)) File.Delete(f);
        foreach (var d in Directory.EnumerateDirectories(dir).Where(d => Path.GetFileName(d) is not ("checkpoint" or JobFolder or WorkerFolder)))
            Directory.Delete(d, true);
        return dir;
    }

    /// <summary>
    /// Marks a stage done: hashes the listed outputs, writes the manifest to a temporary file and renames it into place.
    /// The checkpoint folder, no longer needed, is removed first.
    /// </summary>
    public StageManifest Commit(Stage stage, IEnumerable<string> outputs, JsonObject result, JsonObject provenance)
    {
        var dir = Folder(stage);
        var checkpoint = Path.Combine(dir, "checkpoint");
        if (Directory.Exists(checkpoint)) Directory.Delete(checkpoint, true);
        var files = outputs.Distinct().ToDictionary(n => n, n =>
        {
            var p = Path.Combine(dir, n);
            return new OutputFile(new FileInfo(p).Length, Sha256(p));
        });
        var manifest = new StageManifest(stage.Kind, stage.Key, stage.Version, stage.Id, stage.Settings, stage.Inputs, files, result, provenance);
        var tmp = Path.Combine(dir, $".{ManifestName}.{Guid.NewGuid():N}.tmp");
        using (var stream = File.Create(tmp))
        {
            JsonSerializer.Serialize(stream, manifest, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tmp, Path.Combine(dir, ManifestName), overwrite: true);
        return manifest;
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
