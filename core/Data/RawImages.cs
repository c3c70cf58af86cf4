using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Data;

/// <summary>
/// Images as stored on disk: unsigned bytes, sample-major, each sample (channels, height, width) in CHW order,
/// with one class label byte per sample.
/// </summary>
/// <param name="Pixels">n · channels · height · width bytes.</param>
/// <param name="Labels">n class labels.</param>
/// <param name="Channels">Channels of one image (1 for MNIST, 3 for CIFAR-10).</param>
/// <param name="Height">Rows of one image.</param>
/// <param name="Width">Columns of one image.</param>
public sealed record RawImages(byte[] Pixels, byte[] Labels, int Channels, int Height, int Width)
{
    /// <summary>Number of images n.</summary>
    public int Count => Labels.Length;

    /// <summary>Bytes of one image: channels · height · width.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>
    /// Pairs an IDX image file (n, h, w) with an IDX label file (n) into one-channel images;
    /// throws <see cref="InvalidDataException"/> when their shapes disagree.
    /// </summary>
    public static RawImages FromIdx(IdxArray images, IdxArray labels, string name)
    {
        if (images.Dimensions.Length != 3)
        {
            throw new InvalidDataException($"{name}: image file has {images.Dimensions.Length} axes, expected 3 (n, h, w)");
        }

        if (labels.Dimensions.Length != 1 || labels.Count != images.Count)
        {
            throw new InvalidDataException(
                $"{name}: label file has dimensions [{string.Join(", ", labels.Dimensions)}], expected [{images.Count}]");
        }

        return new RawImages(images.Data, labels.Data, 1, images.Dimensions[1], images.Dimensions[2]);
    }

    /// <summary>Checks that <see cref="Pixels"/> holds exactly n images and every label is below <paramref name="classes"/>.</summary>
    public void Validate(int classes, string name)
    {
        if ((long)Count * ImageSize != Pixels.LongLength)
        {
            throw new InvalidDataException($"{name}: {Pixels.LongLength} pixel bytes for {Count} images of {ImageSize} bytes");
        }

        for (var i = 0; i < Labels.Length; i++)
        {
            if (Labels[i] >= classes)
            {
                throw new InvalidDataException($"{name}: label {Labels[i]} of sample {i} is not below {classes}");
            }
        }
    }

    /// <summary>
    /// The images at <paramref name="indices"/> (each in 0…n−1), in that order; a copy of their bytes. Taking a subset here,
    /// before <see cref="ToTensors"/>, converts only the images kept (the values are the same as converting all, then
    /// selecting).
    /// </summary>
    public RawImages Take(IReadOnlyList<long> indices)
    {
        var size = ImageSize;
        var pixels = new byte[(long)indices.Count * size];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var j = indices[i];
            if (j < 0 || j >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"image {j} is not in 0…{Count - 1}");
            }

            Array.Copy(Pixels, j * size, pixels, (long)i * size, size);
            labels[i] = Labels[j];
        }

        return this with { Pixels = pixels, Labels = labels };
    }

    /// <summary>
    /// Inputs as float32 (n, c, h, w) with values byte / 255 in [0, 1], and labels as int64 (n).
    /// </summary>
    public (Tensor Inputs, Tensor Labels) ToTensors()
    {
        using var scope = NewDisposeScope();
        var bytes = tensor(Pixels, ScalarType.Byte).reshape(Count, Channels, Height, Width);
        using var scale = 255f.ToScalar();
        var inputs = bytes.to_type(ScalarType.Float32).div_(scale);
        var labels = tensor(Labels, ScalarType.Byte).to_type(ScalarType.Int64);
        return (inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
