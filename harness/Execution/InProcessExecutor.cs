using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Execution;

/// <summary>
/// Runs stages on threads of this process with the <see cref="StageExecutor"/>: <c>--jobs</c> stages at once, cached ones
/// skipped. No isolation (a crash in libtorch ends the run), so it is for tests and debugging (<c>--executor inprocess</c>);
/// its results are bit-identical to the worker processes' at the same threads per stage.
/// </summary>
public sealed class InProcessExecutor(StageExecutor executor, DataAvailability availability) : IExecutor
{
    /// <inheritdoc />
    public async Task<ExecutionReport> ExecuteAsync(IReadOnlyList<Stage> stages, CancellationToken cancel = default)
    {
        var all = executor.Graph.Closure(stages.Select(s => s.Key));
        await availability.DecideAsync(all, cancel);
        var failures = await executor.RunAllAsync(stages, cancel);
        var skipped = all.Where(s => executor.Skipped.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => executor.Skipped[s.Key]);
        return new ExecutionReport(all.Count, failures.Select(f => new StageFailure(f.Stage,
            f.Error is StageFailedException ? f.Error.Message : f.Error.ToString(),
            f.Error is not StageFailedException { InputFailed: true })).ToList()) { Skipped = skipped };
    }
}
