using Reproduce.Harness.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

/// <summary>
/// A fact that runs only when Fashion-MNIST is stored in the data folder ($REPRODUCE_DATA, else the repository's artifacts/data; CI's
/// <c>./build.sh Data --profile smoke</c> stores it from Debian's package); otherwise it is skipped with a message saying
/// where it looked. It never downloads.
/// </summary>
public sealed class StoredFashionMnistFactAttribute : FactAttribute
{
    public StoredFashionMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(DataDir, "fashion-mnist", StoredData.SumsFile)))
        {
            Skip = $"Fashion-MNIST is not stored in {DataDir}; run ./build.sh Data (or set REPRODUCE_DATA to a folder holding it) to run this test.";
        }
    }

    public static string DataDir => DataCache.Resolve(RepoRoot.Find());
}
