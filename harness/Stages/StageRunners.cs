namespace Reproduce.Harness.Stages;

/// <summary>The runner of every stage kind.</summary>
public static class StageRunners
{
    /// <summary>One runner per kind.</summary>
    public static IReadOnlyList<IStageRunner> All() => [new DataStageRunner(), new TrainStageRunner(), new PlotStageRunner(), new FindingsStageRunner()];
}
