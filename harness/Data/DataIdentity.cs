using System.Globalization;

namespace Reproduce.Harness.Data;

/// <summary>
/// What a stored data set's folder holds, as data stage keys and manifests record it: the published data set (its
/// published checksums, known without I/O), or synthetic data marked by <see cref="SyntheticMarker"/> (the SHA-256 of
/// every file as it is now, and whether the files match the published ones).
/// </summary>
/// <param name="Dataset">Stored data set name, e.g. "cifar10".</param>
/// <param name="Synthetic">Whether the folder is marked synthetic: then it is not the published data set.</param>
/// <param name="Provenance">One line for manifests and the report: which data, which split, how it was checked.</param>
/// <param name="Lines">The identity lines that enter the data stage's key.</param>
public sealed record DataIdentity(string Dataset, bool Synthetic, string Provenance, IReadOnlyList<string> Lines)
{
    /// <summary>The published data set's identity: its <see cref="DataSource.Identity"/> lines. No I/O.</summary>
    public static DataIdentity Published(DataSource source) => new(source.Name, false, source.Provenance, source.Identity());

    /// <summary>
    /// The identity of what <paramref name="dataDir"/> holds for <paramref name="source"/>: <see cref="Published"/> unless the
    /// folder is marked synthetic; then one line saying so with the marker's description, one line per file
    /// ("name/file sha256:HEX bytes:N", or "name/file missing"), and one saying whether they match the published checksums.
    /// Reads (and hashes) files only in a marked folder.
    /// </summary>
    public static DataIdentity Read(DataSource source, string dataDir)
    {
        var folder = source.Folder(dataDir);
        if (SyntheticMarker.Read(folder) is not { } description) return Published(source);

        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { $"{source.Name} SYNTHETIC, not the published data set: {description}" };
        var matching = 0;
        foreach (var file in source.Files)
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path))
            {
                lines.Add($"{source.Name}/{file.Name} missing");
                continue;
            }

            var length = new FileInfo(path).Length;
            lines.Add(string.Create(inv, $"{source.Name}/{file.Name} sha256:{FileHashes.Sha256(path)} bytes:{length}"));
            if (length == file.Length && StoredData.MatchesPublished(file, path)) matching++;
        }

        var matches = matching == source.Files.Count
            ? "every file matches the published checksums"
            : string.Create(inv, $"{source.Files.Count - matching} of {source.Files.Count} files differ from the published ones");
        lines.Add($"{source.Name} published checksums: {matches}");
        return new DataIdentity(source.Name, true,
            $"SYNTHETIC data in the format of {source.Name}, NOT the published data set ({matches}): {description}", lines);
    }
}
