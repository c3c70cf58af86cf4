namespace Reproduce.Harness.Stages;

/// <summary>The runner of every stage kind.</summary>
public static class StageRunners
{
    /// <summary>One runner per kind.</summary>
    public static IReadOnlyList<IStageRunner> All() =>
    [
        new DataStageRunner(), new TrainStageRunner(), new CanonicalizeStageRunner(), new AlignStageRunner(), new LocalEnergyStageRunner(),
        new PathStageRunner(), new OptimizedPathStageRunner(), new PlaneStageRunner(), new DistancesStageRunner(),
        new PlotStageRunner(), new FindingsStageRunner(),
    ];
}
