using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OnlyRequestedMembersOfTheRequestedFolderAreWritten()
    {
        var archive = _dir.File("p.tgz");
        File.WriteAllBytes(archive, Some.Tarball(
            ("package/data/a.bin", [1]),
            ("package/other/b.bin", [2]),
            ("package/data/b.bin", [3]),
            ("../../escape.bin", [4])));
        var target = Directory.CreateDirectory(_dir.File("out")).FullName;

        var found = ArchiveExtractor.ExtractMembers(archive, "package/data", ["a.bin", "b.bin"], target);

        Assert.Equal(["a.bin", "b.bin"], found);
        Assert.Equal([3], File.ReadAllBytes(Path.Combine(target, "b.bin")));
        Assert.Equal(2, Directory.GetFiles(target).Length);
        Assert.False(File.Exists(_dir.File("escape.bin")));
    }

    [Fact]
    public void MissingMemberIsNamedWithTheArchive()
    {
        var archive = _dir.File("p.tgz");
        File.WriteAllBytes(archive, Some.Tarball(("package/data/a.bin", [1])));

        var error = Assert.Throws<InvalidDataException>(() => ArchiveExtractor.ExtractMembers(archive, "package/data", ["a.bin", "z.bin"], _dir.Path));

        Assert.Contains(archive, error.Message);
        Assert.Contains("z.bin", error.Message);
    }
}
