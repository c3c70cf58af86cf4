using Xunit;
using System.Text;
using Reproduce.Core.Data;

namespace Reproduce.Tests.Core.Data;

public sealed class FashionMnistJsonTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A class file of <paramref name="images"/> images whose pixels all equal 10·class + image index.</summary>
    private string ClassFile(int k, int images, bool flat = false, bool withEmpty = false)
    {
        var text = new StringBuilder("{\"data\":[");
        for (var i = 0; i < images; i++)
        {
            var value = (10 * k) + i;
            var pixels = string.Join(",", Enumerable.Repeat(value, FashionMnistJson.ImageSize));
            text.Append(i > 0 ? "," : "").Append(flat ? pixels : $"[{pixels}]");
            if (withEmpty && i == 0)
            {
                text.Append(",[]");
            }
        }

        var path = _dir.File($"{k}.json");
        File.WriteAllText(path, text.Append("]}").ToString());
        return path;
    }

    [Fact]
    public void NestedAndFlatClassFilesParseToTheSameImages()
    {
        var nested = FashionMnistJson.ReadClass(ClassFile(1, 3, withEmpty: true), expectedImages: 3);
        var flat = FashionMnistJson.ReadClass(ClassFile(2, 3, flat: true), expectedImages: 3);

        Assert.Equal(3 * 784, nested.Length);
        Assert.Equal(12, nested[(2 * 784) + 5]);
        Assert.Equal(22, flat[(2 * 784) + 5]);
    }

    [Fact]
    public void SplitPutsFirstImagesInTrainAndInterleavesClasses()
    {
        var classes = Enumerable.Range(0, 3).Select(k => FashionMnistJson.ReadClass(ClassFile(k, 4), expectedImages: 4)).ToList();

        var (train, test) = FashionMnistJson.Split(classes, trainPerClass: 3);

        Assert.Equal([0, 1, 2, 0, 1, 2, 0, 1, 2], train.Labels);
        Assert.Equal([0, 1, 2], test.Labels);
        // Train position i·K + k holds image i of class k, whose pixels are 10·k + i.
        Assert.Equal(10 * 2 + 1, train.Pixels[((1 * 3) + 2) * 784]);
        Assert.Equal(10 * 1 + 3, test.Pixels[1 * 784]);
    }

    [Fact]
    public void WrongImageCountIsRejectedWithTheFileName()
    {
        var path = ClassFile(0, 2);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistJson.ReadClass(path, expectedImages: 3));

        Assert.Contains(path, error.Message);
        Assert.Contains("2 images, expected 3", error.Message);
    }

    [Theory]
    [InlineData("{\"data\":[[256]]}", "0..255")]
    [InlineData("{\"data\":[[1.5]]}", "0..255")]
    [InlineData("{\"data\":[[1,2,3]]}", "has 3 values")]
    [InlineData("{\"pixels\":[]}", "unexpected property")]
    [InlineData("{\"data\":[[1,2", "malformed JSON")]
    public void MalformedClassFileIsRejectedWithWhatIsWrong(string json, string what)
    {
        var path = _dir.File("bad.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistJson.ReadClass(path, expectedImages: null));

        Assert.Contains(path, error.Message);
        Assert.Contains(what, error.Message);
    }
}
