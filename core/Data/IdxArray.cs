namespace Reproduce.Core.Data;

/// <summary>
/// The content of one IDX file of unsigned bytes (type code 0x08), e.g. MNIST images (n, 28, 28) or labels (n).
/// </summary>
/// <param name="Dimensions">Size of each axis, first axis the sample; their product is <c>Data.Length</c>.</param>
/// <param name="Data">The payload in row-major order.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Data)
{
    /// <summary>Size of the first axis (the number of samples).</summary>
    public int Count => Dimensions.Length == 0 ? 1 : Dimensions[0];

    /// <summary>Number of bytes of one sample: the product of all axes but the first.</summary>
    public int SampleSize
    {
        get
        {
            var size = 1;
            for (var i = 1; i < Dimensions.Length; i++)
            {
                size *= Dimensions[i];
            }

            return size;
        }
    }
}
