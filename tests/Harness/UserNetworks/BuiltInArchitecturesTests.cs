using System.Collections;
using System.Text.Json;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Cli;
using Reproduce.Harness.Networks;
using Reproduce.Tests.Core.Symmetry;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>
/// Every built-in architecture read from a torch.save-format state dict (written here by TorchSharp.PyBridge's pickler,
/// an implementation independent of the reader) as from safetensors.
/// </summary>
public sealed class BuiltInArchitecturesTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-builtin-{Guid.NewGuid():N}");

    public BuiltInArchitecturesTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>
    /// For every built-in --arch: the .pt holds the safetensors' tensors bit for bit (BN's integer buffer included), and
    /// `reproduce align --arch` on a .pt and its scrambled copy aligns it back (normalized-aligned geodesic &lt; 1e-3, binary
    /// nets: Hamming 0).
    /// </summary>
    [Theory]
    [MemberData(nameof(SomeNetworks.All), MemberType = typeof(SomeNetworks))]
    public void EveryBuiltInArchitectureReadsFromAStateDictFile(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 31);
        var pathA = Path.Combine(dir, "a.pt");
        var pathB = Path.Combine(dir, "b.pt");
        PyTorchPickler.PickleStateDict(pathA, new Hashtable(a));
        PyTorchPickler.PickleStateDict(pathB, new Hashtable(SomeNetworks.Scrambled(layout, a, seed: 32)));
        var read = NetworkFile.Read(pathA);
        Assert.Equal(a.Keys.Order(), read.Keys.Order());
        foreach (var (name, t) in a) Assert.True(t.dtype == read[name].dtype && t.eq(read[name]).all().item<bool>(), name);

        var outDir = Path.Combine(dir, "out");
        var (code, _, error) = UserNetworkFormsTests.Run(AlignCommand.Run, [pathA, pathB, "--arch", text, "--out", outDir]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "alignment.json")));
        Assert.True(json.RootElement.GetProperty("geodesic_normalized_aligned").GetDouble() < 1e-3);
        if (arch.IsBinary) Assert.Equal(0, json.RootElement.GetProperty("hamming_aligned").GetDouble());
    }
}
