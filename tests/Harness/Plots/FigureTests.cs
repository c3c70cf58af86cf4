using Reproduce.Harness.Findings;
using Reproduce.Harness.Plots;
using Reproduce.Tests.Harness.Findings;
using SkiaSharp;
using Xunit;

namespace Reproduce.Tests.Harness.Plots;

/// <summary>
/// Every figure type drawn from fabricated stored results: the PNG decodes to the size its panels imply and is not
/// blank (many colors, a fair share of non-white pixels), and the SVG is written beside it. Set REPRODUCE_FIGURES_OUT to
/// keep the files for a look.
/// </summary>
public class FigureTests
{
    public static TheoryData<string> ExperimentFigures => new(Figures.All.Where(f => f != Figures.Scaling).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(ExperimentFigures))]
    public void EachFigureHasItsSizeAndVisibleContent(string figure)
    {
        using var run = StoredRun.ToyMlp();
        var results = run.Results("toy-mlp");
        var stem = Path.Combine(run.Root, figure);
        var (png, svg) = Figures.Draw(figure, stem, $"toy-mlp: {figure}", results, 0.25, [], "");
        var panels = figure switch
        {
            "local-energy" => 2,
            "paths" or "optimized-paths" => 3 - (figure == "optimized-paths" ? 1 : 0),
            "planes" => 2,
            "plane-test" => 4,
            "distances" => 3,
            _ => 1,
        };
        AssertVisible(png, svg, FigureCanvas.Size(panels, Figures.Get(figure).Columns, Figures.Get(figure).PanelWidth));
        Keep(png, svg);
    }

    [Fact]
    public void ScalingFigureDrawsTheWholeSeries()
    {
        using var run = StoredRun.HmmSeries();
        var series = new[] { new ScalingPoint(100, run.Results("cm-hmm-n100")), new ScalingPoint(400, run.Results("cm-hmm-n400")) };
        var (png, svg) = Figures.Draw("scaling", Path.Combine(run.Root, "scaling"), "committee on HMM: Fig. 6", series[1].Results, 0.05, series, "input size N (HMM)");
        AssertVisible(png, svg, FigureCanvas.Size(3, 3));
        Keep(png, svg);
    }

    /// <summary>
    /// Skia numbers an SVG's clip paths from a counter of the whole process: the same figure drawn second must still be
    /// the same file, byte for byte, as in a worker process that draws only it.
    /// </summary>
    [Fact]
    public void AFigureDrawnAgainInTheSameProcessIsTheSameFile()
    {
        using var run = StoredRun.ToyMlp();
        var results = run.Results("toy-mlp");
        var first = Figures.Draw("paths", Path.Combine(run.Root, "first"), "toy-mlp: paths", results, 0.25, [], "");
        var second = Figures.Draw("paths", Path.Combine(run.Root, "second"), "toy-mlp: paths", results, 0.25, [], "");
        Assert.Equal(File.ReadAllBytes(first.Svg), File.ReadAllBytes(second.Svg));
        Assert.Equal(File.ReadAllBytes(first.Png), File.ReadAllBytes(second.Png));
        Assert.Contains("clip-path=\"url(#cl_0)\"", File.ReadAllText(first.Svg));
    }

    [Fact]
    public void AFigureWithoutItsResultsSaysSoInsteadOfFailing()
    {
        using var run = StoredRun.ToyMlp(planes: false);
        var (png, svg) = Figures.Draw("planes", Path.Combine(run.Root, "planes"), "no planes", run.Results("toy-mlp"), 0.25, [], "");
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(FigureCanvas.Size(1, 2), (bitmap.Width, bitmap.Height));
        Assert.Contains("no plane results stored", File.ReadAllText(svg));
    }

    [Fact]
    public void PathBandsAreTheMeanAndSpreadOfTheCurves()
    {
        var band = Band.Of([([0, 0.5, 1], [0, 0.2, 0]), ([0, 1], [0, 0])])!;
        Assert.Equal(new[] { 0, 0.1, 0 }, band.Mean.Select(x => Math.Round(x, 12)));
        Assert.Equal(new[] { 0, 0.1, 0 }, band.Std.Select(x => Math.Round(x, 12)));
    }

    internal static void AssertVisible(string png, string svg, (int Width, int Height) size)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(size, (bitmap.Width, bitmap.Height));
        var colors = new HashSet<uint>();
        var ink = 0;
        var pixels = bitmap.Pixels;
        foreach (var p in pixels)
        {
            colors.Add((uint)p);
            if (p.Red < 240 || p.Green < 240 || p.Blue < 240) ink++;
        }
        Assert.True(colors.Count > 100, $"{png}: only {colors.Count} distinct colors");
        Assert.True(ink > pixels.Length / 50, $"{png}: only {ink} of {pixels.Length} pixels are not background");
        var text = File.ReadAllText(svg);
        Assert.StartsWith("<?xml", text);
        Assert.Contains("<svg", text);
    }

    private static void Keep(string png, string svg)
    {
        if (Environment.GetEnvironmentVariable("REPRODUCE_FIGURES_OUT") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        File.Copy(png, Path.Combine(dir, Path.GetFileName(png)), true);
        File.Copy(svg, Path.Combine(dir, Path.GetFileName(svg)), true);
    }
}
