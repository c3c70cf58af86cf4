using Reproduce.Core.Data;
using Reproduce.Harness.Data;

namespace Reproduce.Tests.Harness.Data;

/// <summary>
/// Writes a small made-up data set in CIFAR-10's binary format (data_batch_1..5.bin, test_batch.bin; records of 1 label
/// byte and 3072 CHW pixel bytes) whose labels a small net can learn: class k has its own colour and a bright 6×6
/// square at its own place, plus uniform noise of ±<see cref="Noise"/> per pixel, all from a fixed seed.
/// </summary>
public static class SyntheticCifar10
{
    /// <summary>Half-width of the uniform pixel noise.</summary>
    public const int Noise = 40;

    /// <summary>The description written in the SYNTHETIC marker.</summary>
    public const string Description = "test data: class-dependent colour and square plus noise (tests/Harness/Data/SyntheticCifar10.cs)";

    /// <summary>
    /// Writes <paramref name="perBatch"/> records into each of the five train batches and <paramref name="test"/> into the
    /// test batch under <paramref name="folder"/>, labels balanced (i mod 10) in a seeded order; marks the folder
    /// synthetic when <paramref name="mark"/>. Returns the paths in <see cref="DataSources.CifarBatches"/> order.
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, int perBatch, int test, int seed = 1, bool mark = true)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var paths = new List<string>();
        foreach (var name in DataSources.CifarBatches)
        {
            var count = name == "test_batch.bin" ? test : perBatch;
            var path = Path.Combine(folder, name);
            File.WriteAllBytes(path, Batch(count, random));
            paths.Add(path);
        }

        if (mark) SyntheticMarker.Write(folder, Description);
        return paths;
    }

    /// <summary><paramref name="count"/> records with labels 0..9 in turn, shuffled.</summary>
    public static byte[] Batch(int count, Random random)
    {
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).OrderBy(_ => random.Next()).ToArray();
        var bytes = new byte[count * Cifar10Reader.RecordSize];
        for (var r = 0; r < count; r++)
        {
            var k = labels[r];
            var record = r * Cifar10Reader.RecordSize;
            bytes[record] = k;
            var (row0, col0) = (2 + (6 * (k % 5)), 4 + (16 * (k / 5)));
            for (var c = 0; c < 3; c++)
            for (var y = 0; y < 32; y++)
            for (var x = 0; x < 32; x++)
            {
                var inSquare = y >= row0 && y < row0 + 6 && x >= col0 && x < col0 + 6;
                var value = (inSquare ? 240 : Palette[k][c]) + random.Next(-Noise, Noise + 1);
                bytes[record + 1 + (c * 1024) + (y * 32) + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        return bytes;
    }

    /// <summary>The colour (R, G, B) of each class.</summary>
    private static readonly int[][] Palette =
    [
        [200, 40, 40], [40, 200, 40], [40, 40, 200], [200, 200, 40], [200, 40, 200],
        [40, 200, 200], [120, 120, 120], [200, 120, 40], [40, 120, 200], [120, 40, 120],
    ];
}
