using static TorchSharp.torch;

namespace Reproduce.Core.Data;

/// <summary>
/// A labelled data set held in memory, already normalized.
/// Inputs: (n, c, h, w) float32 for images or (n, d) float32 for vectors; Labels: (n) int64 class indices in [0, Classes).
/// A binary task (one sign output) uses Classes = 2 with labels 0 (negative) and 1 (positive).
/// </summary>
/// <param name="Name">Human-readable identity, e.g. "mnist/train" or "hmm(N=400)/train".</param>
/// <param name="Inputs">Inputs, first axis the sample.</param>
/// <param name="Labels">Class index of each sample.</param>
/// <param name="Classes">Number of classes.</param>
public sealed record Dataset(string Name, Tensor Inputs, Tensor Labels, int Classes) : IDisposable
{
    /// <summary>Number of samples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
