using Reproduce.Harness.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

/// <summary>
/// A fact that runs only when MNIST is already stored in the data folder ($REPRODUCE_DATA, else the repository's artifacts/data);
/// otherwise it is skipped with a message saying where it looked. It never downloads.
/// </summary>
public sealed class StoredMnistFactAttribute : FactAttribute
{
    public StoredMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(DataDir, "mnist", StoredData.SumsFile)))
        {
            Skip = $"MNIST is not stored in {DataDir}; set REPRODUCE_DATA to a folder holding it to run this test.";
        }
    }

    public static string DataDir => DataCache.Resolve(RepoRoot.Find());
}
