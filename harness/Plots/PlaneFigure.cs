using ScottPlot;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Plots;

/// <summary>
/// Figs. 4 and 8 (appendix 11-16, 20-23): train error on 2-D sections through three solutions, raw and normalized side
/// by side, with the three solutions marked and named; the appendix variant (Fig. 11) puts each plane's test error beside its train error.
/// </summary>
public static class PlaneFigure
{
    /// <summary>One panel per plane (raw before normalized), or two (train, test) per plane when <paramref name="withTest"/>.</summary>
    public static IReadOnlyList<Plot> Panels(ExperimentResults r, bool withTest)
    {
        var planes = r.Planes.OrderBy(p => string.Join(",", p.Solutions), StringComparer.Ordinal).ThenBy(p => p.Space == "normalized").ToList();
        if (planes.Count == 0)
        {
            var empty = Plots.Panels.New("2-D sections", "x", "y");
            Plots.Panels.Note(empty, "no plane results stored");
            return [empty];
        }
        var max = planes.SelectMany(p => Cells(p.TrainError).Concat(withTest && p.TestError is not null ? Cells(p.TestError) : [])).DefaultIfEmpty(1).Max();
        var panels = new List<Plot>();
        foreach (var plane in planes)
        {
            panels.Add(Panel(plane, plane.TrainError, "train error", max));
            if (withTest)
                panels.Add(plane.TestError is null ? NoTest(plane) : Panel(plane, plane.TestError, "test error", max));
        }
        return panels;
    }

    private static Plot Panel(PlaneResult plane, double[][] grid, string what, double max)
    {
        var p = Plots.Panels.New($"{plane.Space}: {string.Join(", ", plane.Solutions)} ({what})", "plane coordinate 1", "plane coordinate 2");
        var rows = grid.Length;
        var cols = rows == 0 ? 0 : grid[0].Length;
        var cells = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
            cells[i, j] = grid[i][j];
        var hm = p.Add.Heatmap(cells);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.FlipVertically = true; // row 0 is the lowest y; a heatmap draws its first row at the top
        // Grid values sit at cell centres: the cells reach half a step beyond the first and last grid point.
        var dx = cols > 1 ? (plane.X[^1] - plane.X[0]) / (cols - 1) / 2 : 0.5;
        var dy = rows > 1 ? (plane.Y[^1] - plane.Y[0]) / (rows - 1) / 2 : 0.5;
        hm.Extent = new CoordinateRect(plane.X[0] - dx, plane.X[^1] + dx, plane.Y[0] - dy, plane.Y[^1] + dy);
        hm.ManualRange = new ScottPlot.Range(0, Math.Max(max, 1e-9));
        var bar = p.Add.ColorBar(hm);
        bar.Label = what;
        var names = new Dictionary<string, string> { ["a"] = plane.Solutions[0], ["b"] = plane.Solutions[1], ["c"] = plane.Solutions[2] };
        foreach (var (key, (x, y)) in plane.Points.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            p.Add.Marker(x, y, MarkerShape.FilledCircle, 11, Colors.White);
            p.Add.Marker(x, y, MarkerShape.OpenCircle, 11, Colors.Black);
            var label = p.Add.Text(names.GetValueOrDefault(key, key), x, y);
            label.LabelFontColor = Colors.White;
            label.LabelFontSize = 12;
            label.LabelBold = true;
            label.LabelOffsetX = 8;
            label.LabelOffsetY = -8;
        }
        p.Axes.SetLimits(plane.X[0] - dx, plane.X[^1] + dx, plane.Y[0] - dy, plane.Y[^1] + dy);
        return p;
    }

    private static Plot NoTest(PlaneResult plane)
    {
        var p = Plots.Panels.New($"{plane.Space}: test error", "plane coordinate 1", "plane coordinate 2");
        Plots.Panels.Note(p, "no test error stored for this plane");
        return p;
    }

    private static IEnumerable<double> Cells(double[][] g) => g.SelectMany(row => row).Where(double.IsFinite);
}
