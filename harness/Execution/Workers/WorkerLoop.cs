using System.Collections.Concurrent;
using System.Diagnostics;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Stages;
using Serilog;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// A worker's life (<c>reproduce stage serve</c>): it reads requests from standard input, one line each
/// (<see cref="WorkerProtocol.Request"/>), runs each stage in this process with the session's executor (the parent holds
/// the stage's lock) and answers with the stage's end after its log events and progress, then waits for the next. So the
/// process pays its start (the .NET runtime, the specs and the plan, libtorch, the JIT) once for many stages.
/// When standard input ends, the parent has closed it or died: an idle worker ends normally, a busy one kills itself at
/// once (nothing would read its result, and a dead parent's lock is already released, so another run may take the stage).
/// </summary>
public static class WorkerLoop
{
    /// <summary>Serves the requests read from <paramref name="input"/> until it ends; returns the exit code (0).</summary>
    public static int Serve(Session session, WorkerChannel channel, TextReader input)
    {
        using var requests = new BlockingCollection<string>();
        var gate = new object();
        var busy = false;
        var ended = false;
        var reader = new Thread(() =>
        {
            try
            {
                while (input.ReadLine() is { } line) requests.Add(line);
            }
            catch (IOException) { }
            lock (gate)
            {
                ended = true;
                if (busy) Process.GetCurrentProcess().Kill();
            }
            requests.CompleteAdding();
        }) { IsBackground = true, Name = "parent requests" };
        reader.Start();

        foreach (var line in requests.GetConsumingEnumerable())
        {
            lock (gate)
            {
                if (ended) break;
                busy = true;
            }
            Answer(session, channel, line);
            lock (gate) busy = false;
        }
        return 0;
    }

    private static void Answer(Session session, WorkerChannel channel, string line)
    {
        if (WorkerProtocol.ParseRequest(line) is not { } request)
        {
            channel.Failed($"worker {Environment.ProcessId}: not a request: {line}");
            return;
        }
        var stage = session.Workspace.Graph.Stages.FirstOrDefault(s => s.Kind == request.Kind && s.Key == request.Key);
        if (stage is null)
        {
            channel.Failed($"no planned {request.Kind} stage with key {request.Key} for these specs and profile");
            return;
        }
        try
        {
            if (session.RunStage(stage.Id) is { } skipped)
            {
                Log.Information("{Stage}: skipped, {Reason}", stage.Id, skipped);
                channel.Skipped(skipped);
                return;
            }
        }
        catch (StageFailedException e)
        {
            Log.Error("{Stage} failed: {Message}", stage.Id, e.Message);
            channel.Failed(e.Message);
            return;
        }
        // Tensors a stage forgot to dispose hold native memory until their finalizers run: collect them now, so that they do
        // not pile up over many stages and the working set reported (the parent retires a worker that grew) is what stays.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        channel.Done(Environment.WorkingSet);
    }
}
