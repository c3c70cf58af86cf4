using ScottPlot;

namespace Reproduce.Harness.Plots;

/// <summary>Building blocks shared by the figures: a titled panel, a mean curve with its ± std band, an empty-panel note.</summary>
public static class Panels
{
    /// <summary>A panel with a title and axis labels, the legend shown when it has items.</summary>
    public static Plot New(string title, string xLabel, string yLabel)
    {
        PlotFonts.Ensure();
        var p = new Plot();
        p.Title(title, 15);
        p.XLabel(xLabel, 13);
        p.YLabel(yLabel, 13);
        p.Legend.FontSize = 11;
        return p;
    }

    /// <summary>Adds the mean as a line labelled <paramref name="label"/> and mean ± std as a translucent band.</summary>
    public static void AddBand(Plot p, Band band, Color color, string label, bool dashed = false, bool markers = false)
    {
        if (band.Std.Any(s => s > 0))
        {
            var fill = p.Add.FillY(band.X, band.Lower, band.Upper);
            fill.FillColor = color.WithAlpha(0.18);
            fill.LineWidth = 0;
        }
        var line = p.Add.Scatter(band.X, band.Mean, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = markers ? 6 : 0;
        if (dashed) line.LinePattern = LinePattern.Dashed;
    }

    /// <summary>Writes a note in an otherwise empty panel (the results it would draw were not stored).</summary>
    public static void Note(Plot p, string text)
    {
        var t = p.Add.Text(text, 0.5, 0.5);
        t.LabelFontSize = 13;
        t.LabelAlignment = Alignment.MiddleCenter;
        t.LabelFontColor = Colors.Gray;
        p.Axes.SetLimits(0, 1, 0, 1);
    }

    /// <summary>Shows the legend at the upper left, semi-opaque, when the panel has labelled items.</summary>
    public static void Legend(Plot p, Alignment where = Alignment.UpperLeft)
    {
        p.ShowLegend(where);
        p.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
    }

    /// <summary>Starts the y axis at 0 and raises its top to <paramref name="factor"/> × the data's top, so the legend (upper left) covers no data.</summary>
    public static void Headroom(Plot p, double factor = 1.45)
    {
        p.Axes.AutoScale();
        var limits = p.Axes.GetLimits();
        p.Axes.SetLimitsY(0, limits.Top <= 0 ? 1 : limits.Top * factor); // errors and distances are ≥ 0
    }

    /// <summary>Category ticks: one label per integer position 0..n-1.</summary>
    public static void CategoryTicks(Plot p, IReadOnlyList<string> labels)
    {
        p.Axes.Bottom.SetTicks(labels.Select((_, i) => (double)i).ToArray(), labels.ToArray());
        p.Axes.Bottom.TickLabelStyle.FontSize = 11;
    }
}
