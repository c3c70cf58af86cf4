using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Serilog;

namespace Reproduce.Harness.Stages;

/// <summary>Everything a runner may use: its stage, its folder, its inputs' manifests and folders, the data cache, progress and a logger.</summary>
/// <param name="Stage">The stage to run.</param>
/// <param name="Folder">Its cache folder (already prepared; may hold a checkpoint/ from a killed run).</param>
/// <param name="Inputs">Input stages with their manifests and folders, in the stage's input order.</param>
/// <param name="DataDirectory">The data cache.</param>
/// <param name="Progress">Progress of this stage, for the progress view.</param>
/// <param name="Log">Logger with the stage's id attached.</param>
/// <param name="Cancel">Cancellation.</param>
public sealed record StageRunContext(
    Stage Stage,
    string Folder,
    IReadOnlyList<StageInput> Inputs,
    string DataDirectory,
    IStageProgress Progress,
    ILogger Log,
    CancellationToken Cancel)
{
    /// <summary>The command line's <c>--device</c> (cpu, cuda, auto), over the stage's <c>device</c> setting; null: the setting.</summary>
    public string? Device { get; init; }
}

/// <summary>A finished input stage.</summary>
public sealed record StageInput(Stage Stage, StageManifest Manifest, string Folder);
