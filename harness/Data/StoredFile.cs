namespace Reproduce.Harness.Data;

/// <summary>
/// A final file of a data set as we store it, relative to the data set's folder, with the checksum it is verified by.
/// At least one of <see cref="Sha256"/> and <see cref="Md5"/> is given.
/// </summary>
/// <param name="Name">File name, e.g. "train-images-idx3-ubyte".</param>
/// <param name="Length">Exact size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file, or null where only an MD5 is published.</param>
/// <param name="Md5">
/// Lower-case hex MD5 of the whole file where that is what is published (CIFAR-10's extracted batches); null otherwise.
/// Used only when <see cref="Sha256"/> is null.
/// </param>
public sealed record StoredFile(string Name, long Length, string? Sha256, string? Md5 = null)
{
    /// <summary>The checksum this file is verified by: "sha256:HEX", else "md5:HEX".</summary>
    public string Checksum => Sha256 is { } sha ? $"sha256:{sha}"
        : Md5 is { } md5 ? $"md5:{md5}"
        : throw new InvalidOperationException($"stored file '{Name}' has neither a SHA-256 nor an MD5");
}
