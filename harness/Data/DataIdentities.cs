using System.Collections.Concurrent;

namespace Reproduce.Harness.Data;

/// <summary>
/// The identity of each stored data set as a plan uses it: <see cref="Published"/> (pure, for planning without a data
/// folder) or <see cref="Read"/> from a data folder, where a folder marked synthetic gets its own identity. Each data set
/// is looked at once per instance.
/// </summary>
public sealed class DataIdentities
{
    private readonly string? dataDir;
    private readonly ConcurrentDictionary<string, DataIdentity> known = new();

    private DataIdentities(string? dataDir) => this.dataDir = dataDir;

    /// <summary>Every data set as published: no I/O.</summary>
    public static DataIdentities Published { get; } = new(null);

    /// <summary>The data sets as <paramref name="dataDir"/> holds them (a synthetic mark is honoured).</summary>
    public static DataIdentities Read(string dataDir) => new(dataDir);

    /// <summary>The identity of the stored data set <paramref name="storedName"/> (a key of <see cref="DataSources.All"/>).</summary>
    public DataIdentity Of(string storedName) => known.GetOrAdd(storedName, name =>
    {
        var source = DataSources.All.TryGetValue(name, out var s) ? s
            : throw new ArgumentException($"unknown stored data set '{name}' (known: {string.Join(", ", DataSources.All.Keys)})", nameof(storedName));
        return dataDir is null ? DataIdentity.Published(source) : DataIdentity.Read(source, dataDir);
    });
}
