namespace Reproduce.Core.Numerics;

/// <summary>The route <see cref="MatrixProducts"/> chose for this process, and why.</summary>
/// <param name="Route">The library that computes the linear layers' products.</param>
/// <param name="Reason">Forced by the environment, OpenBLAS missing, or the start-up measurement's numbers.</param>
/// <param name="OpenBlasCore">The kernels OpenBLAS chose (e.g. "SkylakeX"), or null when it was not loaded.</param>
/// <param name="LibTorchGflops">libtorch's rate in the start-up measurement, or null when none ran.</param>
/// <param name="OpenBlasGflops">OpenBLAS's rate in the start-up measurement, or null when none ran.</param>
public sealed record MatrixProductChoice(MatrixProductRoute Route, string Reason, string? OpenBlasCore, double? LibTorchGflops, double? OpenBlasGflops)
{
    /// <summary>"openblas" or "libtorch", as written in provenance.</summary>
    public string RouteName => Route == MatrixProductRoute.OpenBlas ? "openblas" : "libtorch";
}
