using System.Runtime.InteropServices;

namespace Reproduce.Core.Numerics;

/// <summary>
/// Debian's OpenBLAS (libopenblas0-openmp, else -pthread, else any libopenblas.so.0), loaded on first use through P/Invoke:
/// row-major single-precision products <c>C ← α·op(A)·op(B) + β·C</c> (cblas_sgemm) and what the library says about itself.
/// Before loading it, <c>OPENBLAS_CORETYPE</c> and <c>OPENBLAS_L2_SIZE</c> are removed from the native environment: the
/// machines here set them for old OpenBLAS builds, and with them Debian's 0.3.21 runs its Haswell kernels on AVX-512 cores
/// (163 GFLOP/s against 260 for 2048² on 2 threads, issue 17). OpenBLAS reads them once, when it loads; <see cref="Core"/>
/// says which kernels it chose. Its threads: <see cref="SetThreads"/>, made to follow libtorch's by <see cref="OpenBlasLinear"/>.
/// </summary>
public static class OpenBlas
{
    private const string Library = "reproduce-openblas";

    /// <summary>Where Debian puts each build, the OpenMP one first (the one measured in issue 17).</summary>
    private static readonly string[] Candidates =
    [
        "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-openmp/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "libopenblas.so.0",
    ];

    /// <summary>The environment variables removed before loading, with the reason.</summary>
    public static readonly IReadOnlyList<string> ClearedVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    private static readonly Lazy<(IntPtr Handle, string? Path)> Loaded = new(Load);
    private static int threads;

    static OpenBlas() => NativeLibrary.SetDllImportResolver(typeof(OpenBlas).Assembly, (name, _, _) =>
        name == Library && Loaded.Value.Handle != IntPtr.Zero ? Loaded.Value.Handle : IntPtr.Zero);

    /// <summary>Whether a library was found and loaded.</summary>
    public static bool IsAvailable => Loaded.Value.Handle != IntPtr.Zero;

    /// <summary>The file loaded, or null.</summary>
    public static string? LibraryPath => Loaded.Value.Path;

    /// <summary>The kernels OpenBLAS chose for this CPU (openblas_get_corename, e.g. "SkylakeX", "Haswell"), or null.</summary>
    public static string? Core => IsAvailable ? Marshal.PtrToStringAnsi(openblas_get_corename()) : null;

    /// <summary>How it was built (openblas_get_config: version, DYNAMIC_ARCH, threading, core), or null.</summary>
    public static string? Config => IsAvailable ? Marshal.PtrToStringAnsi(openblas_get_config())?.Trim() : null;

    /// <summary>Sets the number of threads OpenBLAS uses for one product (a no-op when it is already that number).</summary>
    public static void SetThreads(int count)
    {
        if (count == threads) return;
        openblas_set_num_threads(count);
        threads = count;
    }

    /// <summary>
    /// Row-major C (m, n) ← α·op(A)·op(B) + β·C, op(A): (m, k), op(B): (k, n); A is (m, k), or (k, m) when
    /// <paramref name="transA"/>, with leading dimension <paramref name="lda"/>; likewise B. The refs are the first element
    /// of each matrix (memory libtorch owns, not moved by the collector).
    /// </summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, ref byte a, int lda, ref byte b, int ldb,
        float beta, ref byte c, int ldc)
    {
        if (!IsAvailable) throw new InvalidOperationException("OpenBLAS is not installed (Debian: apt-get install libopenblas0-openmp)");
        cblas_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, ref a, lda, ref b, ldb, beta, ref c, ldc);
    }

    private static (IntPtr, string?) Load()
    {
        if (!OperatingSystem.IsLinux()) return (IntPtr.Zero, null);
        foreach (var v in ClearedVariables) unsetenv(v);
        foreach (var path in Candidates)
            if (NativeLibrary.TryLoad(path, out var handle))
                return (handle, path);
        return (IntPtr.Zero, null);
    }

    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    [DllImport(Library)]
    private static extern void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, ref byte a, int lda,
        ref byte b, int ldb, float beta, ref byte c, int ldc);

    [DllImport(Library)]
    private static extern void openblas_set_num_threads(int count);

    [DllImport(Library)]
    private static extern IntPtr openblas_get_corename();

    [DllImport(Library)]
    private static extern IntPtr openblas_get_config();

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int unsetenv(string name);
}
