namespace Reproduce.Harness.Data;

/// <summary>
/// A file published at canonical addresses with its published MD5. A ".gz" archive decompresses to the single stored
/// file <c>Produces[0]</c>; a ".tar.gz" archive yields the members whose file names are listed in <see cref="Produces"/>.
/// </summary>
/// <param name="FileName">Name of the published file, e.g. "train-images-idx3-ubyte.gz".</param>
/// <param name="Md5">Published lower-case hex MD5 of the archive.</param>
/// <param name="Addresses">Addresses to try in order (the first is the canonical one, then mirrors).</param>
/// <param name="Produces">Names of the stored files it yields.</param>
public sealed record RemoteArchive(string FileName, string Md5, IReadOnlyList<Uri> Addresses, IReadOnlyList<string> Produces)
{
    /// <summary>Whether this is a tar archive (".tar.gz", ".tgz") rather than one gzipped file.</summary>
    public bool IsTar => FileName.EndsWith(".tar.gz", StringComparison.Ordinal) || FileName.EndsWith(".tgz", StringComparison.Ordinal);
}
