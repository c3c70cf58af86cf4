using Reproduce.Core.Data;

namespace Reproduce.Harness.Data;

/// <summary>A loaded, normalized split with the statistics of its normalization, to be recorded in a manifest.</summary>
/// <param name="Data">Train and test sets.</param>
/// <param name="Statistics">Per-channel μ and σ of the train set that were applied to both sets.</param>
public sealed record LoadedDataset(SplitDataset Data, ChannelStatistics Statistics) : IDisposable
{
    /// <summary>Frees the tensors.</summary>
    public void Dispose() => Data.Dispose();
}
