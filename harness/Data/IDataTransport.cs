namespace Reproduce.Harness.Data;

/// <summary>
/// The two ways data reaches this machine, kept behind an interface so tests fetch without network or npm.
/// </summary>
public interface IDataTransport
{
    /// <summary>Downloads <paramref name="address"/> to the file <paramref name="destination"/>; throws on any failure.</summary>
    Task DownloadAsync(Uri address, string destination, CancellationToken ct);

    /// <summary>
    /// Runs <c>npm pack SPEC</c> in <paramref name="workDir"/> and returns the path of the package tarball (.tgz);
    /// throws on any failure.
    /// </summary>
    Task<string> NpmPackAsync(string spec, string workDir, CancellationToken ct);
}
