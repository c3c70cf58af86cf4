using System.Diagnostics;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Serilog.Core;
using Serilog.Events;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// What a worker writes to its parent (<see cref="WorkerProtocol"/>): a Serilog sink and a progress sink that write their
/// messages to the worker's standard output, one whole line at a time, and each stage's end (done, skipped, failed).
/// </summary>
public sealed class WorkerChannel : ILogEventSink, IProgressSink
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);
    private readonly TextWriter output;

    /// <summary>A channel writing to <paramref name="output"/> (the process's standard output).</summary>
    public WorkerChannel(TextWriter output) => this.output = output;

    /// <inheritdoc />
    public void Emit(LogEvent logEvent) => Write(WorkerProtocol.Log(logEvent));

    /// <inheritdoc />
    public IStageProgressHandle Start(Stage stage) => new Handle(this);

    /// <summary>Tells the parent the stage is done, the worker's resident memory being <paramref name="workingSet"/> bytes.</summary>
    public void Done(long workingSet) => Write(WorkerProtocol.Finished(workingSet));

    /// <summary>Tells the parent the stage was skipped for <paramref name="reason"/>.</summary>
    public void Skipped(string reason) => Write(WorkerProtocol.Skip(reason));

    /// <summary>Tells the parent the stage failed with <paramref name="error"/>.</summary>
    public void Failed(string error) => Write(WorkerProtocol.Fail(error));

    private void Write(string line)
    {
        lock (output)
        {
            output.Write(line);
            output.Write('\n');
            output.Flush();
        }
    }

    private sealed class Handle(WorkerChannel channel) : IStageProgressHandle
    {
        private readonly Stopwatch since = Stopwatch.StartNew();
        private bool sent;

        public void Report(double fraction, string status)
        {
            // Bars redraw four times a second: more lines would only cost the parent parsing.
            if (sent && fraction < 1 && since.Elapsed < ProgressInterval) return;
            channel.Write(WorkerProtocol.Progress(fraction, status));
            sent = true;
            since.Restart();
        }

        public void Dispose() { }
    }
}
