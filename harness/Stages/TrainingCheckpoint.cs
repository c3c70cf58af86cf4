using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reproduce.Core.Training;
using Reproduce.Harness.Networks;

namespace Reproduce.Harness.Stages;

/// <summary>
/// Writes and reads a train stage's resumable checkpoint in <c>&lt;stage folder&gt;/checkpoint/</c>. Each checkpoint is a
/// folder <c>epoch-NNNN/</c> (N = epochs run, all phases) holding <c>tensors.safetensors</c> (networks, replicas, generator
/// states), <c>optimizer-&lt;name&gt;.bin</c> (TorchSharp's optimizer state) and <c>state.json</c> (phase, counters, history).
/// It is written under a temporary name and renamed into place, so a folder named <c>epoch-NNNN</c> is always complete; older
/// ones are removed after. The cache removes the whole <c>checkpoint/</c> when the stage commits.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>The checkpoint folder's name inside a stage folder (kept by the cache across a killed run).</summary>
    public const string FolderName = "checkpoint";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="state"/> as the newest checkpoint of <paramref name="stageFolder"/>.</summary>
    public static void Save(string stageFolder, TrainingState state)
    {
        var root = Path.Combine(stageFolder, FolderName);
        Directory.CreateDirectory(root);
        var name = $"epoch-{state.History.Count.ToString("D4", CultureInfo.InvariantCulture)}";
        var tmp = Path.Combine(root, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(tmp);
        StateDictFile.Save(Path.Combine(tmp, "tensors.safetensors"), state.Tensors);
        foreach (var (key, bytes) in state.Optimizers) File.WriteAllBytes(Path.Combine(tmp, $"optimizer-{key}.bin"), bytes);
        var counters = new Counters(state.Algorithm, state.Phase, state.Converged, state.TrainError, state.Gamma0, state.History.ToList(),
            state.Optimizers.Keys.ToList());
        File.WriteAllText(Path.Combine(tmp, "state.json"), JsonSerializer.Serialize(counters, Json));
        var final = Path.Combine(root, name);
        if (Directory.Exists(final)) Directory.Delete(final, true);
        Directory.Move(tmp, final);
        foreach (var old in Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d) != name)) Directory.Delete(old, true);
    }

    /// <summary>The newest complete checkpoint of <paramref name="stageFolder"/>, or null when there is none.</summary>
    public static TrainingState? TryLoad(string stageFolder)
    {
        var root = Path.Combine(stageFolder, FolderName);
        if (!Directory.Exists(root)) return null;
        var newest = Directory.EnumerateDirectories(root, "epoch-*").Order(StringComparer.Ordinal).LastOrDefault();
        if (newest is null || !File.Exists(Path.Combine(newest, "state.json"))) return null;
        var c = JsonSerializer.Deserialize<Counters>(File.ReadAllText(Path.Combine(newest, "state.json")), Json)
                ?? throw new InvalidDataException($"{newest}/state.json: empty");
        var tensors = StateDictFile.Load(Path.Combine(newest, "tensors.safetensors"));
        var optimizers = c.Optimizers.ToDictionary(k => k, k => File.ReadAllBytes(Path.Combine(newest, $"optimizer-{k}.bin")));
        return new TrainingState(c.Algorithm, c.Phase, c.Converged, c.TrainError, c.Gamma0, c.History, tensors, optimizers);
    }

    private sealed record Counters(string Algorithm, string Phase, bool Converged, double TrainError, double Gamma0,
        List<EpochReport> History, List<string> Optimizers);
}
