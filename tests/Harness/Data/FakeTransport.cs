using Reproduce.Harness.Data;

namespace Reproduce.Tests.Harness.Data;

/// <summary>A transport that serves fixed bytes for some addresses and an npm tarball, and counts its calls.</summary>
public sealed class FakeTransport : IDataTransport
{
    public Dictionary<Uri, byte[]> Served { get; } = new();

    public byte[]? NpmTarball { get; set; }

    public int Downloads { get; private set; }

    public int NpmPacks { get; private set; }

    public Task DownloadAsync(Uri address, string destination, CancellationToken ct)
    {
        Downloads++;
        if (!Served.TryGetValue(address, out var bytes))
        {
            throw new HttpRequestException($"Name or service not known ({address.Host}:80)");
        }

        File.WriteAllBytes(destination, bytes);
        return Task.CompletedTask;
    }

    public Task<string> NpmPackAsync(string spec, string workDir, CancellationToken ct)
    {
        NpmPacks++;
        if (NpmTarball is null)
        {
            throw new InvalidOperationException($"npm pack {spec} exited with 1: registry unreachable");
        }

        var path = Path.Combine(workDir, spec.Replace('@', '-') + ".tgz");
        File.WriteAllBytes(path, NpmTarball);
        return Task.FromResult(path);
    }
}
