using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Reproduce.Core.Numerics;

namespace Reproduce.Bench;

/// <summary>
/// bench/pytorch/vs_pytorch.py running under Debian's python3 for the whole benchmark: one command a line on its stdin,
/// one JSON answer a line on its stdout (so PyTorch is imported and warmed once, and each measure alternates with ours).
/// Its environment lacks <see cref="OpenBlas.ClearedVariables"/>, as ours does, so both run OpenBLAS's own choice of kernels.
/// </summary>
public sealed class PyTorchProcess : IDisposable
{
    private readonly Process process;

    /// <summary>Starts <paramref name="script"/> on MNIST in <paramref name="mnistDir"/> with <paramref name="threads"/> threads and waits for it.</summary>
    public PyTorchProcess(string python, string script, string mnistDir, int threads)
    {
        var psi = new ProcessStartInfo(python, [script, mnistDir, threads.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true,
        };
        foreach (var v in OpenBlas.ClearedVariables) psi.Environment.Remove(v);
        process = Process.Start(psi)!;
        Kernels = Answer();
    }

    /// <summary>What the script said when ready: torch's version, threads, BLAS libraries loaded, OpenBLAS core and config.</summary>
    public JsonObject Kernels { get; }

    /// <summary>Runs <paramref name="command"/> (e.g. "mlp-epoch 60000") and returns its seconds.</summary>
    public double Seconds(string command)
    {
        process.StandardInput.WriteLine(command);
        return Answer()["seconds"]!.GetValue<double>();
    }

    /// <summary>GFLOP/s of PyTorch's 2048² float32 product.</summary>
    public double Gflops()
    {
        process.StandardInput.WriteLine("gemm");
        return Answer()["gflops"]!.GetValue<double>();
    }

    private JsonObject Answer() =>
        JsonNode.Parse(process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the PyTorch process ended"))!.AsObject();

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill();
        }
        process.Dispose();
    }
}
