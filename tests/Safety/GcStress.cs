namespace Reproduce.Tests.Safety;

/// <summary>
/// A thread that forces garbage collections and runs finalizers in a loop until disposed: the conditions under which an
/// unheld TorchSharp Scalar (or Tensor) is freed by its finalizer while libtorch still reads it (issue 13). It also allocates,
/// as a busy process does, so the collector runs between any two instructions of the code under test.
/// </summary>
public sealed class GcStress : IDisposable
{
    private readonly Thread thread;
    private volatile bool stop;

    /// <summary>Collections forced so far.</summary>
    public long Collections { get; private set; }

    /// <summary>Starts the loop.</summary>
    public GcStress()
    {
        thread = new Thread(Loop) { IsBackground = true, Name = "gc-stress" };
        thread.Start();
    }

    private void Loop()
    {
        var garbage = new object[64];
        while (!stop)
        {
            for (var i = 0; i < garbage.Length; i++) garbage[i] = new byte[1024];
            // Mostly gen-0 collections (cheap, and where a just-made Scalar lives), a full one now and then.
            GC.Collect(Collections % 32 == 0 ? GC.MaxGeneration : 0, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            Collections++;
        }
    }

    /// <summary>Stops the loop and waits for it.</summary>
    public void Dispose()
    {
        stop = true;
        thread.Join();
    }

    /// <summary>Runs <paramref name="work"/> twice, plain and under stress; returns both results and the collections forced.</summary>
    public static (T Plain, T Stressed, long Collections) Compare<T>(Func<T> work)
    {
        var plain = work();
        using var stress = new GcStress();
        var stressed = work();
        return (plain, stressed, stress.Collections);
    }
}
