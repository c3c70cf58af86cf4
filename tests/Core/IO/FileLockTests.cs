using System.Diagnostics;
using Reproduce.Core.IO;
using Xunit;

namespace Reproduce.Tests.Core.IO;

/// <summary>
/// The one exclusive file lock the harness uses (stage locks, the Slurm submission lock, the matrix-product record's lock):
/// held against other handles and other processes, released by the kernel when its holder dies, and its file kept after
/// release so that no two processes can each hold a lock on a different file of the same name.
/// </summary>
public sealed class FileLockTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "reproduce-lock-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void AHeldLockIsRefusedUntilReleasedAndItsFileStays()
    {
        var path = Path.Combine(folder, "sub", "x.lock");
        using (var held = FileLock.TryTake(path))
        {
            Assert.NotNull(held);
            // flock locks belong to the open file, so a second handle of this process conflicts as another process would.
            Assert.Null(FileLock.TryTake(path));
        }
        Assert.True(File.Exists(path), "the lock file must stay after release (deleting it lets two processes hold it)");
        using var again = FileLock.TryTake(path);
        Assert.NotNull(again);
    }

    [Fact]
    public void ALockHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessIsKilled()
    {
        var path = Path.Combine(folder, "y.lock");
        Directory.CreateDirectory(folder);
        // util-linux's flock(1) takes the same flock(2) lock that .NET takes for FileShare.None on Unix; -o keeps the lock in
        // flock itself, not in the command it waits for, so that killing flock is killing the holder.
        using var other = Process.Start(new ProcessStartInfo("flock", ["-o", "-x", path, "sleep", "60"]) { UseShellExecute = false })!;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        FileStream? taken;
        while ((taken = FileLock.TryTake(path)) is not null && DateTime.UtcNow < until)
        {
            taken.Dispose();  // flock(1) has not taken it yet
            Thread.Sleep(50);
        }
        Assert.Null(taken);
        other.Kill(entireProcessTree: true);
        other.WaitForExit();
        using var afterKill = FileLock.TryTake(path);
        Assert.NotNull(afterKill);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void ALockFileThatCannotBeCreatedIsAnErrorNotALockSomeoneHolds()
    {
        Directory.CreateDirectory(folder);
        var notAFolder = Path.Combine(folder, "file");
        File.WriteAllText(notAFolder, "");
        Assert.ThrowsAny<IOException>(() => FileLock.TryTake(Path.Combine(notAFolder, "z.lock")));
    }
}
