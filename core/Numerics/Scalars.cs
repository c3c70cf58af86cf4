using TorchSharp;

namespace Reproduce.Core.Numerics;

/// <summary>
/// Scalars that live as long as the process, for the constants our tensor code passes to libtorch. TorchSharp frees a Scalar
/// in its finalizer, and an implicitly converted one (<c>t.add_(u, alpha: 1)</c>, <c>t.mul_(0.5)</c>, and TorchSharp's own
/// <c>a.add(b)</c>, which passes an implicit 1) is unreachable once its handle is read: a garbage collection on any thread
/// can free it while libtorch still reads it (issue 13: "value cannot be converted to type float without overflow" in
/// addcmul_). These are held by static fields and never freed; a value known only at run time is held by the caller for the
/// call: <c>using var factor = keep.ToScalar();</c>. Integer constants stay integers, as the implicit conversions made them,
/// so results are the same bits as before.
/// </summary>
public static class Scalars
{
    /// <summary>The integer 0.</summary>
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>The integer 1: <c>a.add(b, Scalars.One)</c> is <c>a + b</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>The integer −1: <c>a.add(b, Scalars.MinusOne)</c> is <c>a − b</c>.</summary>
    public static readonly Scalar MinusOne = (-1).ToScalar();

    /// <summary>The integer 2.</summary>
    public static readonly Scalar Two = 2.ToScalar();
}
