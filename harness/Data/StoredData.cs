using System.Globalization;

namespace Reproduce.Harness.Data;

/// <summary>
/// Verification and atomic storing of a data set's folder. A stored file verifies when it has its exact published length
/// and its published checksum (SHA-256, or the published per-file MD5 where only that exists), so files a user placed by
/// hand are checked like fetched ones. A folder marked synthetic (<see cref="SyntheticMarker"/>) is checked only for the
/// presence of every file: its identity, not the published checksums, vouches for it. Files that do not verify are named
/// and left in place (a fetch replaces them; nothing reads them). The folder's <c>SHA256SUMS</c> (the format of
/// <c>sha256sum -c</c>) records every file's SHA-256 and is written last, by a rename.
/// </summary>
public static class StoredData
{
    /// <summary>Name of the checksum file in each data set folder.</summary>
    public const string SumsFile = "SHA256SUMS";

    /// <summary>
    /// Whether every stored file verifies (see the type's summary). Each problem, naming the file and what was expected,
    /// is added to <paramref name="problems"/>.
    /// </summary>
    public static bool Verify(DataSource source, string dataDir, List<string>? problems = null)
    {
        var folder = source.Folder(dataDir);
        var synthetic = SyntheticMarker.Read(folder) is not null;
        var ok = true;
        foreach (var file in source.Files)
        {
            var path = Path.Combine(folder, file.Name);
            var problem = synthetic ? CheckPresent(path) : Check(file, path);
            if (problem is null) continue;
            ok = false;
            problems?.Add(problem);
        }

        return ok;
    }

    /// <summary>
    /// Checks staged files against their published length and checksum, moves them into the data set's folder by renames,
    /// then writes SHA256SUMS by a rename, last. Throws <see cref="InvalidDataException"/> naming the first file that does
    /// not verify.
    /// </summary>
    public static void Commit(DataSource source, string stagingDir, string dataDir)
    {
        var problem = source.Files.Select(f => Check(f, Path.Combine(stagingDir, f.Name))).FirstOrDefault(p => p is not null);
        if (problem is not null) throw new InvalidDataException($"{source.Name}: {problem}");

        var folder = source.Folder(dataDir);
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, SumsFile));
        foreach (var file in source.Files)
        {
            var target = Path.Combine(folder, file.Name);
            FileHashes.Forget(target);
            File.Move(Path.Combine(stagingDir, file.Name), target, overwrite: true);
        }

        WriteSums(source, dataDir);
    }

    /// <summary>Writes the folder's SHA256SUMS (by a rename) when it is missing: files a user placed, once they verified.</summary>
    public static void RecordSums(DataSource source, string dataDir)
    {
        if (!File.Exists(Path.Combine(source.Folder(dataDir), SumsFile))) WriteSums(source, dataDir);
    }

    /// <summary>Whether the file at <paramref name="path"/> has <paramref name="file"/>'s published length and checksum.</summary>
    public static bool MatchesPublished(StoredFile file, string path) => Check(file, path) is null;

    /// <summary>
    /// Null when <paramref name="path"/> exists with the published length and checksum of <paramref name="file"/>;
    /// otherwise what is wrong, naming the path.
    /// </summary>
    public static string? Check(StoredFile file, string path)
    {
        if (!File.Exists(path)) return $"'{path}' is missing";

        var inv = CultureInfo.InvariantCulture;
        var length = new FileInfo(path).Length;
        if (length != file.Length)
            return string.Create(inv, $"'{path}' has {length} bytes, expected {file.Length} (truncated or wrong file)");

        if (file.Sha256 is { } sha)
        {
            var actual = FileHashes.Sha256(path);
            return actual == sha ? null : $"'{path}' has SHA-256 {actual}, expected {sha} (a wrong or corrupt file)";
        }

        var md5 = FileHashes.Md5(path);
        return md5 == file.Md5 ? null : $"'{path}' has MD5 {md5}, expected the published {file.Md5} (a wrong or corrupt file)";
    }

    private static string? CheckPresent(string path) =>
        !File.Exists(path) ? $"'{path}' is missing (the folder is marked {SyntheticMarker.FileName})"
        : new FileInfo(path).Length == 0 ? $"'{path}' is empty (the folder is marked {SyntheticMarker.FileName})"
        : null;

    private static void WriteSums(DataSource source, string dataDir)
    {
        var folder = source.Folder(dataDir);
        var lines = source.Files.Select(f => $"{FileHashes.Sha256(Path.Combine(folder, f.Name))}  {f.Name}");
        var temp = Path.Combine(folder, SumsFile + ".tmp");
        File.WriteAllText(temp, string.Join("\n", lines) + "\n");
        File.Move(temp, Path.Combine(folder, SumsFile), overwrite: true);
    }
}
