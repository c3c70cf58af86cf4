namespace Reproduce.Harness.Specs;

/// <summary>The architecture: its name and hidden layer widths (for nets whose widths are settings).</summary>
public sealed record NetworkSpec(string Arch, IReadOnlyList<int> Hidden);
