namespace Reproduce.Harness.Report;

/// <summary>One stage's line in the provenance table.</summary>
/// <param name="Id">Stage id.</param>
/// <param name="Kind">Stage kind.</param>
/// <param name="Key">Stage key.</param>
/// <param name="State">done, missing or corrupt.</param>
/// <param name="WallSeconds">Wall time from the manifest (null when not done).</param>
public sealed record StageLine(string Id, string Kind, string Key, string State, double? WallSeconds);
