namespace Reproduce.Harness.Data;

/// <summary>
/// A data set could not be had: no stored copy verified and every source failed. The message says where it looked and
/// why each source failed, so callers can skip the experiments that need it with a clear reason.
/// </summary>
public sealed class DataUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="dataset"/>.</summary>
    public DataUnavailableException(string dataset, string message, Exception? inner = null)
        : base(message, inner) => Dataset = dataset;

    /// <summary>Name of the data set that is unavailable.</summary>
    public string Dataset { get; }
}
