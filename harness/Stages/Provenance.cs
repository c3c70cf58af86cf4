using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Reproduce.Harness.Stages;

/// <summary>Where, when and with which versions a stage ran (stored in every manifest).</summary>
public static class Provenance
{
    /// <summary>The provenance record of a stage run between <paramref name="started"/> and <paramref name="finished"/>.</summary>
    public static JsonObject Of(DateTimeOffset started, DateTimeOffset finished) => new()
    {
        ["started"] = started.ToString("O"),
        ["finished"] = finished.ToString("O"),
        ["wall_s"] = Math.Round((finished - started).TotalSeconds, 3),
        ["host"] = Environment.MachineName,
        ["cpus"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["reproduce"] = Version(typeof(Provenance).Assembly),
        ["torchsharp"] = Version(typeof(TorchSharp.torch).Assembly),
        ["torch_threads"] = TorchSharp.torch.get_num_threads(),
        // The cap on oneDNN's kernels (Core.Numerics.OneDnnIsa): AVX-512 convolution gradients were wrong here.
        ["onednn_max_cpu_isa"] = Core.Numerics.OneDnnIsa.Current,
        // Where the linear layers' products ran (Core.Numerics.MatrixProducts): OpenBLAS or libtorch's MKL give other bits.
        ["matrix_products"] = MatrixProductsRecord(),
    };

    /// <summary>
    /// The route the linear layers' products took in this process: {route, reason, openblas_core, libtorch_gflops,
    /// openblas_gflops}; route "none" when no linear layer has run here yet (a stage without one, or served elsewhere).
    /// </summary>
    private static JsonObject MatrixProductsRecord() => Core.Numerics.MatrixProducts.Chosen is { } c
        ? new JsonObject
        {
            ["route"] = c.RouteName,
            ["reason"] = c.Reason,
            ["openblas_core"] = c.OpenBlasCore,
            ["libtorch_gflops"] = c.LibTorchGflops,
            ["openblas_gflops"] = c.OpenBlasGflops,
        }
        : new JsonObject { ["route"] = "none" };

    private static string Version(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "unknown";
}
