using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Data;

/// <summary>
/// The parity task on digits (METHOD.md §7, binary MLP a): digit y ∈ 0…9 becomes y mod 2, 0 for even and 1 for odd,
/// a binary task with Classes = 2.
/// </summary>
public static class ParityLabels
{
    /// <summary>Labels y: (n) int64 digits → (n) int64 y mod 2. Throws when a label is outside 0…9.</summary>
    public static Tensor FromDigits(Tensor digits)
    {
        using var scope = NewDisposeScope();
        if (digits.numel() > 0 && (digits.min().item<long>() < 0 || digits.max().item<long>() > 9))
        {
            throw new ArgumentException("parity labels need digits 0..9", nameof(digits));
        }

        return digits.remainder(Scalars.Two).to_type(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A new data set with the same inputs (shared storage), parity labels and Classes = 2, named <paramref name="name"/>.
    /// The caller still owns and disposes <paramref name="digits"/>.
    /// </summary>
    public static Dataset Apply(Dataset digits, string name) => new(name, digits.Inputs.alias(), FromDigits(digits.Labels), 2);
}
