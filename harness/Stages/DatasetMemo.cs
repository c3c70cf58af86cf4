using Reproduce.Core.Data;
using Reproduce.Harness.Data;

namespace Reproduce.Harness.Stages;

/// <summary>
/// Keeps recently loaded data sets in memory so the stages of one run (say, three seeds on the same data) load them
/// once. Entries in use are leased; at most <see cref="Capacity"/> unleased entries are kept, least recently used first out.
/// </summary>
public static class DatasetMemo
{
    /// <summary>Data sets kept when nothing uses them.</summary>
    public const int Capacity = 2;

    private static readonly object Gate = new();
    private static readonly List<Entry> Entries = [];

    /// <summary>The entry for <paramref name="request"/>, loading it on first use.</summary>
    public static Entry Get(string dataDirectory, DataRequest request)
    {
        Entry entry;
        lock (Gate)
        {
            entry = Entries.FirstOrDefault(e => e.Directory == dataDirectory && e.Request == request)
                    ?? new Entry(dataDirectory, request);
            Entries.Remove(entry);
            Entries.Insert(0, entry);
            foreach (var stale in Entries.Skip(Capacity).Where(e => e.Leases == 0).ToList())
            {
                Entries.Remove(stale);
                stale.Unload();
            }
        }
        return entry;
    }

    /// <summary>A memoized data set.</summary>
    public sealed class Entry(string directory, DataRequest request)
    {
        private readonly Lazy<SplitDataset> data = new(() => DatasetLoader.Load(directory, request));

        internal string Directory { get; } = directory;
        internal DataRequest Request { get; } = request;
        internal int Leases;

        /// <summary>Holds the data set until the lease is disposed.</summary>
        public Lease Lease()
        {
            lock (Gate) Leases++;
            try
            {
                return new Lease(this, data.Value);
            }
            catch
            {
                Release();
                lock (Gate) Entries.Remove(this);
                throw;
            }
        }

        internal void Release()
        {
            lock (Gate) Leases--;
        }

        internal void Unload()
        {
            if (data.IsValueCreated) data.Value.Dispose();
        }
    }

    /// <summary>A data set in use.</summary>
    public sealed class Lease(Entry entry, SplitDataset value) : IDisposable
    {
        private int released;

        /// <summary>The data set.</summary>
        public SplitDataset Value { get; } = value;

        /// <summary>Releases the data set.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) entry.Release();
        }
    }
}
