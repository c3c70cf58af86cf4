using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reproduce.Core.IO;

namespace Reproduce.Core.Numerics;

/// <summary>
/// One machine's measured matrix-product route, kept in a small JSON file (a list, one record per machine) so that every
/// later run on the machine takes the same route: a measurement per run could choose differently on a busy machine, and
/// the route changes the last bits of every product (<see cref="MatrixProducts"/>). A record holds only for the machine
/// and OpenBLAS build that measured it (<see cref="Machine"/>); a machine without one is measured and added, the others'
/// records are kept (a home folder shared by a cluster's nodes); an unreadable or corrupt file counts as empty.
/// </summary>
/// <param name="Machine">CPU model and OpenBLAS core and build (<see cref="ThisMachine"/>): not the CPU count, which a Slurm
/// job's or container's limit changes on the same machine (its processes must agree).</param>
/// <param name="Route">"openblas" or "libtorch".</param>
/// <param name="LibTorchGflops">libtorch's rate in the measurement.</param>
/// <param name="OpenBlasGflops">OpenBLAS's rate in the measurement.</param>
/// <param name="MeasuredAt">When it was measured (UTC).</param>
public sealed record RememberedRoute(
    [property: JsonPropertyName("machine")] string Machine,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("libtorch_gflops")] double LibTorchGflops,
    [property: JsonPropertyName("openblas_gflops")] double OpenBlasGflops,
    [property: JsonPropertyName("measured_at")] DateTimeOffset MeasuredAt)
{
    /// <summary>The environment variable naming the file instead of <see cref="DefaultPath"/>.</summary>
    public const string PathVariable = "REPRODUCE_MATMUL_RECORD";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The file: <see cref="PathVariable"/>, else $XDG_CACHE_HOME/reproduce/matrix-products.json, else ~/.cache/….</summary>
    public static string DefaultPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } set) return set;
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "reproduce", "matrix-products.json");
        }
    }

    /// <summary>What the route's bits and rates depend on: the CPU model and OpenBLAS's kernels and build.</summary>
    public static string ThisMachine(string? openBlasCore, string? openBlasConfig)
    {
        var model = "unknown CPU";
        try
        {
            if (File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)
                is [_, var name])
                model = name.Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return string.Create(CultureInfo.InvariantCulture,
            $"{model}; OpenBLAS {openBlasCore ?? "none"} ({openBlasConfig ?? "no build"})");
    }

    /// <summary>The records in <paramref name="path"/>: none when it is missing, unreadable or not a list of valid records.</summary>
    public static IReadOnlyList<RememberedRoute> ReadAll(string path)
    {
        try
        {
            if (!File.Exists(path)) return [];
            var all = JsonSerializer.Deserialize<List<RememberedRoute?>>(File.ReadAllText(path), Json);
            return all is not null && all.All(Valid) ? all.Select(r => r!).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return [];
        }
    }

    /// <summary>The record of <paramref name="machine"/> in <paramref name="path"/>, or null.</summary>
    public static RememberedRoute? Read(string path, string machine) => ReadAll(path).FirstOrDefault(r => r.Machine == machine);

    private static bool Valid(RememberedRoute? r) =>
        r is { Machine.Length: > 0, Route: "openblas" or "libtorch" } && double.IsFinite(r.LibTorchGflops) && double.IsFinite(r.OpenBlasGflops);

    /// <summary>
    /// Writes this record into <paramref name="path"/>, replacing its machine's and keeping the others', atomically (a
    /// temporary file renamed over the old one), creating the folder.
    /// </summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var all = ReadAll(path).Where(r => r.Machine != Machine).Append(this).ToList();
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(all, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Holds the file's lock (<paramref name="path"/>.lock, exclusive) while <paramref name="body"/> runs, so that two
    /// processes starting at once on a new machine measure once and agree; without a lock after <paramref name="wait"/>
    /// (or where none can be taken: a lock file that cannot be created, e.g. on a read-only home, is not waited for) the
    /// body runs anyway.
    /// </summary>
    public static T Locked<T>(string path, TimeSpan wait, Func<T> body)
    {
        FileStream? gate = null;
        try
        {
            var until = DateTime.UtcNow + wait;
            while ((gate = FileLock.TryTake(path + ".lock")) is null && DateTime.UtcNow < until) Thread.Sleep(50);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        try
        {
            return body();
        }
        finally
        {
            gate?.Dispose();
        }
    }
}
