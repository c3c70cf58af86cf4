namespace Reproduce.Core.Data;

/// <summary>A train and a test set drawn from the same task, normalized with the train set's statistics.</summary>
public sealed record SplitDataset(Dataset Train, Dataset Test) : IDisposable
{
    /// <summary>Frees both sets.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
