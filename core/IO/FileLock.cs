namespace Reproduce.Core.IO;

/// <summary>
/// An exclusive lock on a file that every process of ours asks for the same way: <see cref="FileShare.None"/>, which .NET
/// takes on Unix as an advisory <c>flock</c> on the open file, so the kernel releases it when the process dies, however it
/// dies. The file stays after release, on purpose: deleting it (e.g. <see cref="FileOptions.DeleteOnClose"/>) would let a
/// process that opened it just before the deletion lock a file no longer in the folder while a third creates and locks a
/// new one, and both would hold "the" lock. Callers choose how to wait (<see cref="TryTake"/> returns at once).
/// </summary>
public static class FileLock
{
    /// <summary>
    /// Takes the lock on <paramref name="path"/> (creating the file and its folder) if no process holds it, and returns the
    /// held file (dispose it to release); null when another process, or another handle of this one, holds it. A lock file
    /// that cannot be created (a read-only or missing location) is not "held": its error is thrown, so that a caller never
    /// waits on a lock nobody holds.
    /// </summary>
    public static FileStream? TryTake(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
