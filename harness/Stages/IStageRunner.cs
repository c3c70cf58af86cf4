namespace Reproduce.Harness.Stages;

/// <summary>Runs the stages of one kind. A runner writes its outputs into the stage's folder and returns their names; the
/// executor then hashes them and writes the manifest.</summary>
public interface IStageRunner
{
    /// <summary>The stage kind this runner executes.</summary>
    string Kind { get; }

    /// <summary>Runs one stage; throws on failure (the stage then stays not done).</summary>
    Task<StageOutcome> RunAsync(StageRunContext context);
}
