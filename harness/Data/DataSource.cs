namespace Reproduce.Harness.Data;

/// <summary>
/// Everything needed to fetch and verify one stored data set: its final files with their checksums, the canonical
/// archives that yield them, and an optional npm fallback.
/// </summary>
/// <param name="Name">Data set name and folder name under the data folder, e.g. "mnist".</param>
/// <param name="Files">The stored files; the data set is present when all of them verify.</param>
/// <param name="Archives">Canonical archives; together they must yield every stored file.</param>
/// <param name="Npm">Fallback package, or null when there is none (CIFAR-10).</param>
public sealed record DataSource(string Name, IReadOnlyList<StoredFile> Files, IReadOnlyList<RemoteArchive> Archives, NpmPackage? Npm)
{
    /// <summary>The data set's folder under <paramref name="dataDir"/>.</summary>
    public string Folder(string dataDir) => Path.Combine(dataDir, Name);

    /// <summary>Full paths of the stored files, in <see cref="Files"/> order.</summary>
    public IReadOnlyList<string> Paths(string dataDir) => Files.Select(f => Path.Combine(Folder(dataDir), f.Name)).ToList();

    /// <summary>
    /// The identity of the stored data, without I/O: one line per file, "name/file sha256:HEX", or, where no SHA-256
    /// is published, "name/file from ARCHIVE md5:HEX".
    /// </summary>
    public IReadOnlyList<string> Identity() => Files.Select(f => f.Sha256 is { } sha
        ? $"{Name}/{f.Name} sha256:{sha}"
        : $"{Name}/{f.Name} from {ArchiveOf(f.Name)}").ToList();

    private string ArchiveOf(string file)
    {
        var archive = Archives.First(a => a.Produces.Contains(file));
        return $"{archive.FileName} md5:{archive.Md5}";
    }
}
