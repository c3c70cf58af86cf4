namespace Reproduce.Core.Numerics;

/// <summary>Which library computes the linear layers' matrix products (<see cref="MatrixProducts"/>).</summary>
public enum MatrixProductRoute
{
    /// <summary>libtorch's own linear and autograd (its bundled MKL).</summary>
    LibTorch,

    /// <summary>Debian's OpenBLAS through <see cref="OpenBlasLinear"/>.</summary>
    OpenBlas,
}
