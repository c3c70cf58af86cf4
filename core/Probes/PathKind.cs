namespace Reproduce.Core.Probes;

/// <summary>The paths between two solutions (METHOD.md §4, paper Fig. 2; binary nets: Fig. 6-7).</summary>
public enum PathKind
{
    /// <summary><c>linear</c>: (1 − t)·A + t·B on the raw parameters.</summary>
    Linear,
    /// <summary><c>linear-aligned</c>: B permuted to A on raw cosines, then linear.</summary>
    LinearAligned,
    /// <summary><c>geodesic-aligned</c>: both normalized, B aligned to A, then the geodesic on the torus.</summary>
    GeodesicAligned,
    /// <summary><c>hamming</c> (binary nets): flip the differing weights of A toward B one at a time, in a random order.</summary>
    Hamming,
    /// <summary><c>hamming-aligned</c> (binary nets): the same after normalizing and aligning B to A.</summary>
    HammingAligned,
}
