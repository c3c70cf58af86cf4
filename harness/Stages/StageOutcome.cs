using System.Text.Json.Nodes;

namespace Reproduce.Harness.Stages;

/// <summary>What a runner produced: output file names (relative to the stage folder) and its results for the manifest.</summary>
public sealed record StageOutcome(IReadOnlyList<string> Outputs, JsonObject Result);
