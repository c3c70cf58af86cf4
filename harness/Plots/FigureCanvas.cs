using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace Reproduce.Harness.Plots;

/// <summary>
/// Lays out a figure's panels on a grid under a title and writes it as PNG and SVG (the same drawing calls on a raster
/// surface and on Skia's SVG canvas). Size: columns·panelWidth × rows·panelHeight + the title band.
/// </summary>
public static partial class FigureCanvas
{
    /// <summary>Height of the title band, pixels.</summary>
    public const int TitleHeight = 44;

    /// <summary>Writes <c>&lt;stem&gt;.png</c> and <c>&lt;stem&gt;.svg</c>; returns their paths.</summary>
    public static (string Png, string Svg) Save(string stem, string title, IReadOnlyList<Plot> panels, int columns, int panelWidth = 560, int panelHeight = 420)
    {
        PlotFonts.Ensure();
        var (width, height) = Size(panels.Count, columns, panelWidth, panelHeight);
        var png = stem + ".png";
        var svg = stem + ".svg";
        using (var surface = SKSurface.Create(new SKImageInfo(width, height)))
        {
            Draw(surface.Canvas, title, panels, columns, panelWidth, panelHeight, width);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(png, data.ToArray());
        }
        using (var stream = new MemoryStream())
        {
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
                Draw(canvas, title, panels, columns, panelWidth, panelHeight, width);
            File.WriteAllText(svg, NumberClipPaths(Encoding.UTF8.GetString(stream.ToArray())), new UTF8Encoding(false));
        }
        return (png, svg);
    }

    /// <summary>
    /// Renames the clip paths of an SVG <c>cl_0, cl_1, …</c> in order of appearance. Skia numbers them from a counter of
    /// the whole process, so the same figure would otherwise differ by which figures the process drew before it (a worker
    /// process draws one; the in-process executor many).
    /// </summary>
    public static string NumberClipPaths(string svg)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!names.TryGetValue(m.Value, out var name))
                names[m.Value] = name = "cl_" + names.Count.ToString(CultureInfo.InvariantCulture);
            return name;
        });
    }

    [GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-zA-Z]+(?=[""\)])")]
    private static partial Regex ClipId();

    /// <summary>The pixel size of a figure of <paramref name="panels"/> panels.</summary>
    public static (int Width, int Height) Size(int panels, int columns, int panelWidth = 560, int panelHeight = 420)
    {
        var cols = Math.Min(columns, Math.Max(1, panels));
        var rows = (Math.Max(1, panels) + cols - 1) / cols;
        return (cols * panelWidth, rows * panelHeight + TitleHeight);
    }

    private static void Draw(SKCanvas canvas, string title, IReadOnlyList<Plot> panels, int columns, int pw, int ph, int width)
    {
        canvas.Clear(SKColors.White);
        var cols = Math.Min(columns, Math.Max(1, panels.Count));
        for (var i = 0; i < panels.Count; i++)
        {
            float left = i % cols * pw, top = TitleHeight + i / cols * ph;
            // A plot clears its background before drawing: clip it to its own cell so it keeps the others.
            canvas.Save();
            canvas.ClipRect(new SKRect(left, top, left + pw, top + ph));
            panels[i].Render(canvas, new PixelRect(left, left + pw, top + ph, top));
            canvas.Restore();
        }
        using var font = new SKFont(Fonts.GetTypeface(PlotFonts.Family, true, false), 20);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, 30, SKTextAlign.Center, font, paint);
    }
}
