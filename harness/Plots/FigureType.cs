namespace Reproduce.Harness.Plots;

/// <summary>One kind of figure of the paper.</summary>
/// <param name="Name">Figure type name, used in stage ids (<c>plot/&lt;experiment&gt;/&lt;file&gt;</c>).</param>
/// <param name="Paper">Where the paper shows it.</param>
/// <param name="Shows">What it shows, in one sentence (the report's caption).</param>
/// <param name="Reads">Stage kinds whose stored results it draws.</param>
/// <param name="Columns">Panels per row.</param>
/// <param name="PanelWidth">Width of one panel, pixels.</param>
public sealed record FigureType(string Name, string Paper, string Shows, IReadOnlyList<string> Reads, int Columns, int PanelWidth = 560);
