using Reproduce.Harness.Runs;
using Xunit;

namespace Reproduce.Tests.Harness.Runs;

/// <summary>A digest leaves out timings and nothing else: two histories that differ only in their seconds column digest alike.</summary>
public sealed class RunDigestTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reproduce-digest-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string Csv(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void OnlyTheSecondsColumnIsLeftOut()
    {
        var a = Csv("a.csv", "epoch,loss,seconds\n1,0.5,0.0131\n2,0.25,0.0120\n");
        var b = Csv("b.csv", "epoch,loss,seconds\n1,0.5,0.9\n2,0.25,1.7\n");
        var c = Csv("c.csv", "epoch,loss,seconds\n1,0.5,0.0131\n2,0.2500001,0.0120\n");
        var untimed = Csv("d.csv", "epoch,loss\n1,0.5\n2,0.25\n");
        var untimedToo = Csv("e.csv", "epoch,loss\n1,0.5\n2,0.25\n");

        Assert.Equal(RunDigest.Untimed(a), RunDigest.Untimed(b));
        Assert.NotEqual(RunDigest.Untimed(a), RunDigest.Untimed(c));
        // A file without timings is hashed as it is.
        Assert.Equal(Reproduce.Harness.Cache.StageCache.Sha256(untimed), RunDigest.Untimed(untimed));
        Assert.Equal(RunDigest.Untimed(untimed), RunDigest.Untimed(untimedToo));
    }
}
