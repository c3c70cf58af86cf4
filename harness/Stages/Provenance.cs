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
    };

    private static string Version(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "unknown";
}
