using System.Formats.Tar;
using System.IO.Compression;

namespace Reproduce.Harness.Data;

/// <summary>
/// Unpacks the archives we fetch: a gzipped single file, or chosen members of a gzipped tar (npm tarballs,
/// CIFAR-10). Only regular-file members whose file name is asked for are written, under that name, into the target
/// folder, so an archive cannot write outside it.
/// </summary>
public static class ArchiveExtractor
{
    /// <summary>Decompresses a gzip file to <paramref name="destination"/>.</summary>
    public static void Gunzip(string archive, string destination)
    {
        using var input = File.OpenRead(archive);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = File.Create(destination);
        gzip.CopyTo(output);
    }

    /// <summary>
    /// Extracts from a .tar.gz the regular files whose path is <c>folder/NAME</c> (any folder when
    /// <paramref name="folder"/> is null) with NAME in <paramref name="names"/>, to <c>targetDir/NAME</c>.
    /// Returns the names found; throws <see cref="InvalidDataException"/> naming the archive and the missing members.
    /// </summary>
    public static IReadOnlyList<string> ExtractMembers(string archive, string? folder, IReadOnlyCollection<string> names, string targetDir)
    {
        var found = new List<string>();
        using (var input = File.OpenRead(archive))
        using (var gzip = new GZipStream(input, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                var member = entry.Name.Replace('\\', '/');
                var slash = member.LastIndexOf('/');
                var name = member[(slash + 1)..];
                var parent = slash < 0 ? "" : member[..slash];
                if (!names.Contains(name) || (folder is not null && parent != folder.TrimEnd('/')) || found.Contains(name))
                {
                    continue;
                }

                using var output = File.Create(Path.Combine(targetDir, name));
                entry.DataStream.CopyTo(output);
                found.Add(name);
            }
        }

        var missing = names.Except(found).ToList();
        return missing.Count == 0
            ? found
            : throw new InvalidDataException($"archive '{archive}' lacks {string.Join(", ", missing)}{(folder is null ? "" : $" under {folder}/")}");
    }
}
