using Reproduce.Harness.Planning;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>The data and train stages of a plan: what the Slurm tests submit (the probe and report stages behind them
/// add jobs, not coverage of the executor).</summary>
public static class SlurmStages
{
    /// <summary>Data and train stages, in plan order.</summary>
    public static IReadOnlyList<Stage> Spine(StageGraph graph) =>
        graph.Stages.Where(s => s.Kind is StageKinds.Data or StageKinds.Train).ToList();
}
