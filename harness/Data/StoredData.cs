using System.Globalization;
using Serilog;

namespace Reproduce.Harness.Data;

/// <summary>
/// Verification and atomic storing of a data set's folder. The folder holds the stored files and a
/// <c>SHA256SUMS</c> (the format of <c>sha256sum -c</c>) written last by a rename, so a folder whose SHA256SUMS
/// exists was stored completely. Expected hashes come from <see cref="StoredFile.Sha256"/> when published, else from
/// SHA256SUMS as recorded at fetch time.
/// </summary>
public static class StoredData
{
    /// <summary>Name of the checksum file in each data set folder.</summary>
    public const string SumsFile = "SHA256SUMS";

    /// <summary>
    /// Whether every stored file exists with its exact length and SHA-256. A file that exists but does not verify is
    /// named in a warning and deleted, so it is fetched again and never read as data. Problems are added to
    /// <paramref name="problems"/>.
    /// </summary>
    public static bool Verify(DataSource source, string dataDir, List<string>? problems = null)
    {
        var folder = source.Folder(dataDir);
        var recorded = ReadSums(Path.Combine(folder, SumsFile));
        var ok = true;
        foreach (var file in source.Files)
        {
            var path = Path.Combine(folder, file.Name);
            var problem = Check(file, path, recorded);
            if (problem is null)
            {
                continue;
            }

            ok = false;
            problems?.Add(problem);
            if (File.Exists(path))
            {
                Log.Warning("Stored data file {Path} is corrupt ({Problem}); deleting it so it is fetched again", path, problem);
                FileHashes.Forget(path);
                File.Delete(path);
            }
        }

        return ok;
    }

    /// <summary>
    /// Checks staged files against their published length and SHA-256 (when published), moves them into the data
    /// set's folder by renames, then writes SHA256SUMS with every file's SHA-256 by a rename, last.
    /// Throws <see cref="InvalidDataException"/> naming the first file that does not verify.
    /// </summary>
    public static void Commit(DataSource source, string stagingDir, string dataDir)
    {
        var hashes = new List<string>();
        foreach (var file in source.Files)
        {
            var staged = Path.Combine(stagingDir, file.Name);
            var problem = Check(file, staged, recorded: null);
            if (problem is not null)
            {
                throw new InvalidDataException($"{source.Name}: {problem}");
            }

            hashes.Add($"{FileHashes.Sha256(staged)}  {file.Name}");
        }

        var folder = source.Folder(dataDir);
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, SumsFile));
        foreach (var file in source.Files)
        {
            var target = Path.Combine(folder, file.Name);
            FileHashes.Forget(target);
            File.Move(Path.Combine(stagingDir, file.Name), target, overwrite: true);
        }

        var temp = Path.Combine(folder, SumsFile + ".tmp");
        File.WriteAllText(temp, string.Join("\n", hashes) + "\n");
        File.Move(temp, Path.Combine(folder, SumsFile), overwrite: true);
    }

    private static string? Check(StoredFile file, string path, IReadOnlyDictionary<string, string>? recorded)
    {
        if (!File.Exists(path))
        {
            return $"'{path}' is missing";
        }

        var length = new FileInfo(path).Length;
        if (length != file.Length)
        {
            return $"'{path}' has {length.ToString(CultureInfo.InvariantCulture)} bytes, expected {file.Length.ToString(CultureInfo.InvariantCulture)} (truncated or wrong file)";
        }

        var expected = file.Sha256 ?? (recorded is null ? null : recorded.GetValueOrDefault(file.Name));
        if (expected is null)
        {
            // While staging, an unpublished hash is vouched for by the archive's MD5; once stored, by SHA256SUMS.
            return recorded is null ? null : $"'{path}' has no recorded SHA-256 in {SumsFile}";
        }

        var actual = FileHashes.Sha256(path);
        return actual == expected ? null : $"'{path}' has SHA-256 {actual}, expected {expected}";
    }

    private static Dictionary<string, string> ReadSums(string path)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return sums;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length == 2)
            {
                sums[parts[1].Trim()] = parts[0].Trim();
            }
        }

        return sums;
    }
}
