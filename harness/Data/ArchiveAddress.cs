namespace Reproduce.Harness.Data;

/// <summary>
/// One place an archive can be had, with the MD5 expected of the archive there.
/// </summary>
/// <param name="Uri">An http(s) address, or a file:// path (a distribution's package, a copy the user placed).</param>
/// <param name="Md5">
/// Lower-case hex MD5 of the archive as published at that place, or null where the archive itself has no published
/// checksum (Debian recompressed Fashion-MNIST's .gz files): its contents are then checked by the stored files' own
/// checksums before anything is kept.
/// </param>
public sealed record ArchiveAddress(Uri Uri, string? Md5);
