using Reproduce.Core.IO;
using Reproduce.Harness.Planning;
using Serilog;

namespace Reproduce.Harness.Cache;

/// <summary>
/// The lock a process holds while it computes a stage: a <see cref="FileLock"/> on <c>&lt;stage folder&gt;/.lock</c>, which
/// the kernel releases when the process dies, however it dies, and whose file stays after release. A process that
/// finds the lock held waits for it, then reads the result the holder committed (or computes the stage if the holder died
/// first); so two runs on one cache never compute a stage twice and never fail one for the other.
/// </summary>
public sealed class StageLock : IDisposable
{
    /// <summary>The lock file's name inside a stage folder (kept by <see cref="StageCache.Prepare"/>).</summary>
    public const string FileName = ".lock";

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Reminder = TimeSpan.FromMinutes(1);

    private readonly FileStream held;

    private StageLock(FileStream held) => this.held = held;

    /// <summary>The lock file of <paramref name="stage"/>.</summary>
    public static string PathOf(StageCache cache, Stage stage) => Path.Combine(cache.Folder(stage), FileName);

    /// <summary>Takes the lock if no process holds it; null when one does.</summary>
    public static StageLock? TryAcquire(StageCache cache, Stage stage)
    {
        return FileLock.TryTake(PathOf(cache, stage)) is { } held ? new StageLock(held) : null;
    }

    /// <summary>True when another process (or another handle of this one) holds the lock now.</summary>
    public static bool IsHeld(StageCache cache, Stage stage)
    {
        using var probe = TryAcquire(cache, stage);
        return probe is null;
    }

    /// <summary>
    /// Takes the lock, waiting (polling, up to 1 s apart) while another process holds it; logs once when it starts to wait
    /// and every minute after.
    /// </summary>
    public static async Task<StageLock> AcquireAsync(StageCache cache, Stage stage, CancellationToken cancel)
    {
        var poll = FirstPoll;
        var waited = TimeSpan.Zero;
        var told = TimeSpan.Zero;
        while (true)
        {
            if (TryAcquire(cache, stage) is { } taken) return taken;
            if (waited == TimeSpan.Zero || waited - told >= Reminder)
            {
                Log.Information("{Stage}: another process is computing it ({Lock} is locked); waiting for its result", stage.Id, PathOf(cache, stage));
                told = waited;
            }
            await Task.Delay(poll, cancel);
            waited += poll;
            poll = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, poll.Ticks * 2));
        }
    }

    /// <summary>Releases the lock (the file stays).</summary>
    public void Dispose() => held.Dispose();
}
