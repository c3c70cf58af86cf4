namespace Reproduce.Harness.Report;

/// <summary>One figure of the report.</summary>
/// <param name="StageId">The plot stage.</param>
/// <param name="Paper">Where the paper shows it.</param>
/// <param name="Shows">Caption.</param>
/// <param name="Png">Path of the PNG relative to the report folder (null when not drawn).</param>
/// <param name="Svg">Path of the SVG relative to the report folder (null when not drawn).</param>
/// <param name="Missing">Why it is not drawn (null when drawn).</param>
/// <param name="Figure">The figure type's name (<c>local-energy</c>, <c>paths</c>, …; <see cref="FigureFindings"/>).</param>
public sealed record FigureEntry(string StageId, string Paper, string Shows, string? Png, string? Svg, string? Missing, string Figure = "");
