using System.Text.Json.Nodes;
using Reproduce.Harness.Plots;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The plot stage: draws one figure type of the paper for one experiment (or one size series) from its inputs' stored
/// results, as <c>&lt;file&gt;.png</c> and <c>&lt;file&gt;.svg</c>. Reads no network.
/// </summary>
public sealed class PlotStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Plot;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var s = context.Stage.Settings;
        var figure = (string)s["figure"]!;
        var file = (string)s["file"]!;
        var results = StoredInputs.Own(context);
        var series = StoredInputs.Series(context);
        var (png, svg) = Figures.Draw(figure, Path.Combine(context.Folder, file), (string)s["title"]!, results, (double)s["star"]!, series,
            (string?)s["x_label"] ?? "");
        var type = Figures.Get(figure);
        context.Log.Information("{Stage}: drew {Figure} ({Paper}) → {File}", context.Stage.Id, figure, type.Paper, png);
        return Task.FromResult(new StageOutcome([Path.GetFileName(png), Path.GetFileName(svg)], new JsonObject
        {
            ["figure"] = figure,
            ["file"] = file,
            ["paper"] = type.Paper,
            ["shows"] = type.Shows,
            ["experiment"] = (string)s["experiment"]!,
        }));
    }
}
