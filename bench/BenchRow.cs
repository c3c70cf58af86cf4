namespace Reproduce.Bench;

/// <summary>One line of the benchmark table: what was measured, its value and unit, the goal and whether it was met.</summary>
/// <param name="Measure">What was measured, e.g. "MLP epoch, harness".</param>
/// <param name="Value">The measured number.</param>
/// <param name="Unit">Unit of <paramref name="Value"/>, e.g. "s", "images/s", "GFLOP/s".</param>
/// <param name="Goal">The target in words, or empty.</param>
/// <param name="Met">Whether the goal was met; null when there is no goal.</param>
public sealed record BenchRow(string Measure, double Value, string Unit, string Goal = "", bool? Met = null);
