using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Execution;

/// <summary>Runs stages in this process with the <see cref="StageExecutor"/>: <c>--jobs</c> stages at once, cached ones skipped.</summary>
public sealed class LocalExecutor(StageExecutor executor) : IExecutor
{
    /// <inheritdoc />
    public async Task<ExecutionReport> ExecuteAsync(IReadOnlyList<Stage> stages, CancellationToken cancel = default)
    {
        var all = executor.Graph.Closure(stages.Select(s => s.Key));
        var failures = await executor.RunAllAsync(stages, cancel);
        return new ExecutionReport(all.Count, failures.Select(f => new StageFailure(f.Stage,
            f.Error is StageFailedException ? f.Error.Message : f.Error.ToString())).ToList());
    }
}
