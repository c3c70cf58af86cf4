namespace Reproduce.Harness.Findings;

/// <summary>One path between two solutions (<c>path</c> or <c>optimized-path</c> stage): its <c>path.csv</c> and manifest result.</summary>
/// <param name="Kind">linear, linear-aligned, geodesic-aligned; binary: hamming, hamming-aligned.</param>
/// <param name="Optimized">True for a single-bend optimized path (midpoint at t = 0.5).</param>
/// <param name="A">Solution at t = 0.</param>
/// <param name="B">Solution at t = 1.</param>
/// <param name="PairType">The two algorithms in the experiment's order, joined by '-'.</param>
/// <param name="T">Path coordinate t in [0, 1].</param>
/// <param name="TrainError">0-1 train error at each t.</param>
/// <param name="TestError">0-1 test error at each t.</param>
/// <param name="Barrier">Max train error along the path.</param>
/// <param name="BarrierAboveLine">Max of the train error minus the line between the endpoint errors.</param>
/// <param name="DistanceAM">Optimized paths: distance from A to the midpoint, in the kind's metric.</param>
/// <param name="DistanceMB">Optimized paths: distance from the midpoint to B.</param>
/// <param name="MidpointTrainError">Optimized paths: the trained midpoint's train error.</param>
/// <param name="Midpoint">Optimized paths: the trained midpoint(s) and whether they converged (null for plain paths).</param>
/// <param name="EvalTrainSamples">Train samples the errors were measured on (<c>eval_train_samples</c>; 0 when not stored).</param>
public sealed record PathResult(string Kind, bool Optimized, string A, string B, string PairType, IReadOnlyList<double> T,
    IReadOnlyList<double> TrainError, IReadOnlyList<double> TestError, double Barrier, double BarrierAboveLine,
    double? DistanceAM, double? DistanceMB, double? MidpointTrainError, MidpointResult? Midpoint = null, int EvalTrainSamples = 0);
