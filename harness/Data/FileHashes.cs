using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Reproduce.Harness.Data;

/// <summary>
/// SHA-256 and MD5 of files as lower-case hex. SHA-256 is computed at most once per process for a file whose length
/// and last-write time are unchanged, so verifying on every load costs one pass over the data per process.
/// </summary>
public static class FileHashes
{
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Written, string Sha256)> Known = new();

    /// <summary>SHA-256 of the file, from the per-process memo when its length and write time are unchanged.</summary>
    public static string Sha256(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (Known.TryGetValue(full, out var memo) && memo.Length == info.Length && memo.Written == info.LastWriteTimeUtc)
        {
            return memo.Sha256;
        }

        string hash;
        using (var stream = File.OpenRead(full))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        Known[full] = (info.Length, info.LastWriteTimeUtc, hash);
        return hash;
    }

    /// <summary>MD5 of the file (used only to check published archive checksums), never memoized.</summary>
    public static string Md5(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    /// <summary>Forgets the memo of one file (after it is deleted or replaced).</summary>
    public static void Forget(string path) => Known.TryRemove(Path.GetFullPath(path), out _);
}
