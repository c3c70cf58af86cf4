using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Reproduce.Harness.Data;

/// <summary>
/// SHA-256 and MD5 of files as lower-case hex. Each is computed at most once per process for a file whose length and
/// last-write time are unchanged, so verifying on every load costs one pass over the data per process.
/// </summary>
public static class FileHashes
{
    private static readonly ConcurrentDictionary<(string Path, string Algorithm), (long Length, DateTime Written, string Hash)> Known = new();

    /// <summary>SHA-256 of the file, from the per-process memo when its length and write time are unchanged.</summary>
    public static string Sha256(string path) => Memoized(path, "sha256", SHA256.HashData);

    /// <summary>MD5 of the file (published archive and CIFAR-10 batch checksums), memoized like <see cref="Sha256"/>.</summary>
    public static string Md5(string path) => Memoized(path, "md5", MD5.HashData);

    /// <summary>Forgets the memo of one file (after it is deleted or replaced).</summary>
    public static void Forget(string path)
    {
        var full = Path.GetFullPath(path);
        Known.TryRemove((full, "sha256"), out _);
        Known.TryRemove((full, "md5"), out _);
    }

    private static string Memoized(string path, string algorithm, Func<Stream, byte[]> hash)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (Known.TryGetValue((full, algorithm), out var memo) && memo.Length == info.Length && memo.Written == info.LastWriteTimeUtc)
        {
            return memo.Hash;
        }

        string hex;
        using (var stream = File.OpenRead(full))
        {
            hex = Convert.ToHexStringLower(hash(stream));
        }

        Known[(full, algorithm)] = (info.Length, info.LastWriteTimeUtc, hex);
        return hex;
    }
}
