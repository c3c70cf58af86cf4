namespace Reproduce.Harness.Data;

/// <summary>
/// A final file of a data set as we store it, relative to the data set's folder.
/// </summary>
/// <param name="Name">File name, e.g. "train-images-idx3-ubyte".</param>
/// <param name="Length">Exact size in bytes.</param>
/// <param name="Sha256">
/// Lower-case hex SHA-256 of the whole file, or null when no published value exists; then the value is computed
/// once at fetch time, after the archive's published MD5 has matched, and recorded in the folder's SHA256SUMS.
/// </param>
public sealed record StoredFile(string Name, long Length, string? Sha256);
