namespace Reproduce.Harness.Findings;

/// <summary>One row of <c>distances.csv</c>: distances between two solutions over weight tensors (null where a metric does not apply).</summary>
/// <param name="A">First solution.</param>
/// <param name="B">Second solution.</param>
/// <param name="PairType">Pair type.</param>
/// <param name="EuclideanRaw">||A − B||.</param>
/// <param name="EuclideanAligned">||A − B aligned||.</param>
/// <param name="GeodesicNormalizedAligned">Geodesic distance between normalized A and normalized-aligned B.</param>
/// <param name="HammingRaw">Binary: fraction of differing signs.</param>
/// <param name="HammingAligned">Binary: the same after alignment.</param>
public sealed record DistanceResult(string A, string B, string PairType, double? EuclideanRaw, double? EuclideanAligned,
    double? GeodesicNormalizedAligned, double? HammingRaw, double? HammingAligned);
