namespace Reproduce.Harness.Stages;

/// <summary>Receives a running stage's progress.</summary>
public interface IStageProgress
{
    /// <summary>Reports the fraction done (0..1) and a short status, e.g. "epoch 3/20 err 0.012".</summary>
    void Report(double fraction, string status);
}
