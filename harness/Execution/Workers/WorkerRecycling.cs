using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// When a run retires a worker that ran stages well (<see cref="WorkerPool"/>) and starts a fresh one for the next stage.
/// A worker is always retired after a stage that failed, was cancelled or ended its process.
/// </summary>
/// <param name="MaxStages">Stages one worker runs at most: bounds whatever accumulates unseen in a process (native handles,
/// JIT-compiled code, the executor's record of its stages). 1: a fresh process per stage.</param>
/// <param name="MaxWorkingSet">Resident bytes a worker may keep between stages (measured after a full collection): one that
/// keeps more (a data set kept for the next stage, memory the allocator did not return) gives them back by ending.</param>
public sealed record WorkerRecycling(int MaxStages, long MaxWorkingSet)
{
    /// <summary>
    /// The default: 100 stages, so a fresh start (about 1 s of CPU) costs at most 1% of a run of tiny stages; and half the
    /// memory a job is allowed (<see cref="ThreadCount.BytesPerJob"/>, 1.5 GB), so idle workers never hold more than half of
    /// what the default <c>--jobs</c> assumed. A stage big enough to leave more behind takes far longer than a start.
    /// </summary>
    public static WorkerRecycling Default { get; } = new(100, (long)(ThreadCount.BytesPerJob / 2));

    /// <summary>A fresh worker process for every stage.</summary>
    public static WorkerRecycling EveryStage { get; } = new(1, long.MaxValue);
}
