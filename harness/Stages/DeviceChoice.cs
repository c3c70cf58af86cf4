using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>Turns a spec's device setting into a libtorch device.</summary>
public static class DeviceChoice
{
    /// <summary>cpu → CPU; cuda → CUDA (fails when this build of libtorch has none); auto → CUDA when available, else CPU.</summary>
    public static Device Resolve(string setting) => setting switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new StageFailedException(
            "device 'cuda' was asked for (--device or the spec's device:), but this build of libtorch has no CUDA (TorchSharp-cpu); use cpu or auto"),
        "auto" => cuda.is_available() ? CUDA : CPU,
        _ => throw new ArgumentException($"unknown device '{setting}'"),
    };
}
