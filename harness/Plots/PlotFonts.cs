namespace Reproduce.Harness.Plots;

/// <summary>
/// Registers the font every figure uses. Headless machines have no font service SkiaSharp can ask, so the TrueType file
/// is registered with ScottPlot by path: <c>REPRODUCE_FONT</c> when set, else DejaVu Sans (Debian: <c>fonts-dejavu-core</c>).
/// </summary>
public static class PlotFonts
{
    /// <summary>The family name figures are drawn in.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/local/share/fonts/DejaVuSans.ttf",
        "/Library/Fonts/DejaVuSans.ttf",
    ];

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Registers the font once; throws with what to install when none is found.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (registered) return;
            var path = Environment.GetEnvironmentVariable("REPRODUCE_FONT") is { Length: > 0 } env ? env : Candidates.FirstOrDefault(File.Exists);
            if (path is null || !File.Exists(path))
                throw new FileNotFoundException(
                    $"no font for the figures: install DejaVu Sans (Debian: apt-get install fonts-dejavu-core) or set REPRODUCE_FONT to a .ttf file (looked in {string.Join(", ", Candidates)})");
            ScottPlot.Fonts.AddFontFile(Family, path, bold: false, italic: false);
            var bold = Path.Combine(Path.GetDirectoryName(path)!, "DejaVuSans-Bold.ttf");
            ScottPlot.Fonts.AddFontFile(Family, File.Exists(bold) ? bold : path, bold: true, italic: false);
            ScottPlot.Fonts.Default = Family;
            registered = true;
        }
    }
}
