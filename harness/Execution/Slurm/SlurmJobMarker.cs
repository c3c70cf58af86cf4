using System.Text.Json;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Execution.Slurm;

/// <summary>
/// The record, in a stage's cache folder (<c>slurm/job.json</c>), of the job last submitted for it. While Slurm lists
/// that job as queued or running under the stage's name, the stage is not submitted again; once the job is gone and the
/// stage is not done, the marker is stale and the next submission replaces it. Job logs sit beside it
/// (<c>slurm/slurm-&lt;id&gt;.log</c>); <see cref="StageCache.Prepare"/> keeps this folder.
/// </summary>
/// <param name="JobId">Slurm job id.</param>
/// <param name="Stage">The stage id (also the job name).</param>
/// <param name="Submitted">When it was submitted (UTC, ISO 8601).</param>
public sealed record SlurmJobMarker(string JobId, string Stage, DateTimeOffset Submitted)
{
    private const string FileName = "job.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The folder of a stage's job marker and logs.</summary>
    public static string Folder(StageCache cache, Stage stage) => Path.Combine(cache.Folder(stage), StageCache.JobFolder);

    /// <summary>The log of job <paramref name="jobId"/> of <paramref name="stage"/>.</summary>
    public static string LogPath(StageCache cache, Stage stage, string jobId) => Path.Combine(Folder(cache, stage), $"slurm-{jobId}.log");

    /// <summary>The marker of <paramref name="stage"/>, or null when there is none or it cannot be read.</summary>
    public static SlurmJobMarker? Read(StageCache cache, Stage stage)
    {
        var path = Path.Combine(Folder(cache, stage), FileName);
        try { return File.Exists(path) ? JsonSerializer.Deserialize<SlurmJobMarker>(File.ReadAllText(path), Json) : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes the marker through a temporary file and a rename, so a reader never sees half of it.</summary>
    public void Write(StageCache cache, Stage stage)
    {
        var dir = Folder(cache, stage);
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{FileName}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(tmp, JsonSerializer.Serialize(this, Json));
        File.Move(tmp, Path.Combine(dir, FileName), overwrite: true);
    }
}
