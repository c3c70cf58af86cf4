using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Serilog;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// The worker processes of one run. A stage goes to an idle worker, or to a new one when none is idle, so at most as many
/// workers live as stages run at once; a worker that ran its stage well waits for the next, so a run pays a worker's start
/// (the .NET runtime, the specs and the plan, libtorch, the JIT: about 1 s of CPU) a few times instead of once per stage.
/// Isolation stays per stage: a worker is retired (its input closed, so that it ends) after a stage that failed or was
/// cancelled and when <see cref="WorkerRecycling"/> says so; one whose process ended (crashed, killed, out of memory) fails
/// only the stage it ran and is replaced by a fresh one for the next. Disposing ends every worker.
/// </summary>
/// <param name="start">Starts a worker.</param>
/// <param name="recycling">When a worker that ran its stages well is retired.</param>
public sealed class WorkerPool(Func<WorkerProcess> start, WorkerRecycling recycling) : IAsyncDisposable
{
    private readonly Stack<WorkerProcess> idle = new();
    private readonly List<Task> closing = [];

    /// <summary>Runs <paramref name="stage"/> in a worker (<see cref="WorkerProcess.RunAsync"/>) and keeps or retires the worker.</summary>
    public async Task<WorkerOutcome> RunAsync(Stage stage, string logPath, IStageProgress progress, CancellationToken cancel)
    {
        var worker = Take();
        WorkerOutcome outcome;
        try
        {
            outcome = await worker.RunAsync(stage, logPath, progress, cancel);
        }
        catch
        {
            Retire(worker);
            throw;
        }
        var kept = outcome.Report?.Kind is WorkerMessageKind.Done or WorkerMessageKind.Skipped
                   && worker.Stages < recycling.MaxStages && worker.WorkingSet <= recycling.MaxWorkingSet;
        if (kept)
            lock (idle) idle.Push(worker);
        else
        {
            if (outcome.Report?.Kind == WorkerMessageKind.Done && worker.WorkingSet > recycling.MaxWorkingSet)
                Log.Debug("worker {Worker} keeps {Megabytes:F0} MB after {Stage}; retiring it", worker.Id, worker.WorkingSet / 1e6, stage.Id);
            Retire(worker);
        }
        return outcome;
    }

    /// <summary>Ends every worker, idle or retiring, and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (idle)
            while (idle.TryPop(out var worker)) Retire(worker);
        Task[] all;
        lock (closing) all = [.. closing];
        await Task.WhenAll(all);
    }

    private WorkerProcess Take()
    {
        lock (idle)
        {
            while (idle.TryPop(out var worker))
            {
                if (!worker.HasEnded) return worker;
                // Ended between stages: nothing of a stage is lost; its lines went to the run's log.
                Log.Warning("worker {Worker} ended while idle; starting another", worker.Id);
                Retire(worker);
            }
        }
        return start();
    }

    private void Retire(WorkerProcess worker)
    {
        lock (closing) closing.Add(worker.CloseAsync());
    }
}
