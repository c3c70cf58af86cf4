namespace Reproduce.Harness.Findings;

/// <summary>
/// An exactness check that a canonicalize or align stage stored in its manifest result (read by I1): how many
/// predictions normalization changed, and how far a permuted, rescaled (sign-flipped) copy lies from the original after
/// alignment. Either may be absent.
/// </summary>
/// <param name="Stage">The stage id it came from.</param>
/// <param name="PredictionsChanged">Predictions that normalization changed (exact: 0).</param>
/// <param name="SelfAlignmentDistance">Distance of an aligned transformed copy to the original (exact: 0).</param>
/// <param name="Solution">The solution checked (canonicalize: its <c>solution</c>; align: <c>a</c>); "" when not stored.</param>
public sealed record InvarianceCheck(string Stage, int? PredictionsChanged, double? SelfAlignmentDistance, string Solution = "");
