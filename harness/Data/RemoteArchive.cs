namespace Reproduce.Harness.Data;

/// <summary>
/// An archive that yields stored files, with the places it can be had. A ".gz" archive decompresses to the single
/// stored file <c>Produces[0]</c>; a ".tar.gz" archive yields the members whose file names are listed in
/// <see cref="Produces"/>. Whatever the place, what it yields is checked against the stored files' checksums.
/// </summary>
/// <param name="FileName">Name of the archive, e.g. "train-images-idx3-ubyte.gz"; a copy under this name in the data
/// set's folder is tried first.</param>
/// <param name="Addresses">Places to try in order, each with its expected MD5 (or none).</param>
/// <param name="Produces">Names of the stored files it yields.</param>
public sealed record RemoteArchive(string FileName, IReadOnlyList<ArchiveAddress> Addresses, IReadOnlyList<string> Produces)
{
    /// <summary>Whether this is a tar archive (".tar.gz", ".tgz") rather than one gzipped file.</summary>
    public bool IsTar => FileName.EndsWith(".tar.gz", StringComparison.Ordinal) || FileName.EndsWith(".tgz", StringComparison.Ordinal);

    /// <summary>The published MD5s of this archive (those of its addresses that have one), for a copy found locally.</summary>
    public IReadOnlyList<string> PublishedMd5s => Addresses.Select(a => a.Md5).OfType<string>().Distinct().ToList();
}
