using Reproduce.Harness.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

public sealed class DataCacheTests
{
    [Fact]
    public void DataFolderIsTheOverrideElseArtifactsDataUnderTheRoot()
    {
        Assert.Equal(Path.GetFullPath("/repo/artifacts/data"), DataCache.Resolve("/repo", overrideDir: null));
        Assert.Equal(Path.GetFullPath("/repo/artifacts/data"), DataCache.Resolve("/repo", overrideDir: " "));
        Assert.Equal(Path.GetFullPath("/mnt/data"), DataCache.Resolve("/repo", overrideDir: "/mnt/data"));
    }
}
