namespace Reproduce.Bench;

/// <summary>What every benchmark may use: where data lives and how hard to try.</summary>
/// <param name="DataDirectory">The data cache (REPRODUCE_DATA or artifacts/data).</param>
/// <param name="Quick">When true, benchmarks use fewer repetitions (for a smoke check of the bench itself).</param>
public sealed record BenchContext(string DataDirectory, bool Quick);
