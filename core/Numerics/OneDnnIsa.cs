using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Reproduce.Core.Numerics;

/// <summary>
/// Caps the instruction set of libtorch's oneDNN (its convolution library) at AVX2 unless the user set
/// <c>ONEDNN_MAX_CPU_ISA</c>. On this project's AVX-512 machines, libtorch 2.10's oneDNN computes the weight gradient of a
/// convolution with few input channels (3, as on CIFAR-10) wrongly on 2 threads: non-finite entries in about one step in
/// five for conv 3→8, 5×5, batch 8 (<c>tests/Safety/ConvolutionGradientTests</c>); with AVX2 kernels, or one thread, never.
/// oneDNN reads the variable when it first dispatches a kernel, so it is written into the native environment (setenv; .NET's
/// own Environment.SetEnvironmentVariable does not reach native code on Linux) when this assembly loads, before any tensor
/// code of ours runs. The value in force is part of every stage's provenance.
/// </summary>
public static class OneDnnIsa
{
    /// <summary>The environment variable oneDNN reads.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The cap we set when the user did not choose one.</summary>
    public const string Default = "AVX2";

    /// <summary>The cap in force: the user's value, or <see cref="Default"/>; null off Linux and macOS (not set there).</summary>
    public static string? Current => OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(Variable) : Marshal.PtrToStringAnsi(getenv(Variable));

    /// <summary>Sets <see cref="Variable"/> to <see cref="Default"/> in the native environment unless it is set. Idempotent.</summary>
    public static void Apply()
    {
        if (OperatingSystem.IsWindows() || getenv(Variable) != IntPtr.Zero) return;
        if (setenv(Variable, Default, 0) != 0) throw new InvalidOperationException($"setenv({Variable}) failed");
    }

#pragma warning disable CA2255 // A library module initializer: the cap must be in place before any tensor code of this assembly runs.
    [ModuleInitializer]
    internal static void OnLoad() => Apply();
#pragma warning restore CA2255

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);
}
