namespace Reproduce.Harness.Report;

/// <summary>Everything the report shows: each experiment, every planned stage with its wall time, and the versions that ran.</summary>
/// <param name="Profile">The profile the specs were resolved for ("base" for none).</param>
/// <param name="Experiments">One section per experiment, in spec order.</param>
/// <param name="Stages">Every planned stage, upstream first.</param>
/// <param name="Versions">Provenance values seen in the manifests (dotnet, torchsharp, reproduce, os, host) with the stages that ran under each.</param>
public sealed record RunReport(string Profile, IReadOnlyList<ExperimentReport> Experiments, IReadOnlyList<StageLine> Stages,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Versions);
