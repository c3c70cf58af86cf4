using Reproduce.Harness.Planning;

namespace Reproduce.Harness.Stages;

/// <summary>Where running stages show their progress (a progress view on a terminal, nothing elsewhere).</summary>
public interface IProgressSink
{
    /// <summary>Starts showing <paramref name="stage"/>; disposing the handle removes it.</summary>
    IStageProgressHandle Start(Stage stage);
}

/// <summary>A running stage's progress, removed from view when disposed.</summary>
public interface IStageProgressHandle : IStageProgress, IDisposable;
