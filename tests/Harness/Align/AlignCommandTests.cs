using System.Text.Json;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Cli;
using Reproduce.Harness.Networks;
using Reproduce.Tests.Core.Symmetry;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.Align;

/// <summary><c>reproduce align</c> on safetensors files the test writes.</summary>
public sealed class AlignCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-align-{Guid.NewGuid():N}");

    public AlignCommandTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>
    /// A scrambled copy of A: exit 0, the four files written, alignment.json with the three distances (the geodesic
    /// one &lt; 1e-3) and a permutation per hidden group; B.aligned.normalized equals A.normalized (1e-4 per tensor).
    /// </summary>
    [Theory]
    [InlineData("mlp:12,9,7,5")]
    [InlineData("vgg16bn:16,10")]
    [InlineData("binary-mlp:41,31,29,1")]
    public void AlignCommandWritesTheAlignedNetworksAndTheReport(string text)
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(text);
        var layout = Layouts.For(arch);
        var a = SomeNetworks.Network(arch, seed: 91);
        var (pathA, pathB, outDir) = Write(a, SomeNetworks.Scrambled(layout, a, seed: 92));
        var (code, _, stderr) = Run("align", "--arch", text, pathA, pathB, "--out", outDir);

        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "B.aligned.safetensors", "B.aligned.normalized.safetensors", "A.normalized.safetensors", "alignment.json" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "alignment.json")));
        var root = json.RootElement;
        Assert.Equal(arch.ToString(), root.GetProperty("architecture").GetString());
        Assert.True(root.GetProperty("euclidean_raw").GetDouble() > 0);
        Assert.True(root.GetProperty("euclidean_aligned").GetDouble() >= 0);
        Assert.True(root.GetProperty("geodesic_normalized_aligned").GetDouble() < 1e-3);
        Assert.Equal(layout.Groups.Count, root.GetProperty("layers").GetArrayLength());
        foreach (var (layer, group) in root.GetProperty("layers").EnumerateArray().Zip(layout.Groups))
        {
            Assert.Equal(group.Name, layer.GetProperty("group").GetString());
            Assert.Equal(Enumerable.Range(0, group.Units), layer.GetProperty("permutation").EnumerateArray().Select(e => e.GetInt32()).Order());
        }
        if (arch.IsBinary) Assert.Equal(0, root.GetProperty("hamming_aligned").GetDouble());
        var normalizedA = StateDictFile.Load(Path.Combine(outDir, "A.normalized.safetensors"));
        var alignedB = StateDictFile.Load(Path.Combine(outDir, "B.aligned.normalized.safetensors"));
        Assert.True(SomeNetworks.MaxRelativeDifference(normalizedA, alignedB) < 1e-4);
    }

    /// <summary>A tensor of the wrong shape: exit 2, the message names the tensor, found and expected shapes, no stack trace.</summary>
    [Fact]
    public void AFileThatDoesNotFitIsRefusedNamingTheFirstBadTensor()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse("mlp:12,9,7,5");
        var a = SomeNetworks.Network(arch, seed: 93);
        var b = SomeNetworks.Network(arch, seed: 94);
        b["layers.1.weight"] = zeros(7, 8);
        var (pathA, pathB, outDir) = Write(a, b);
        var (code, _, stderr) = Run("--arch", "mlp:12,9,7,5", pathA, pathB, "--out", outDir);

        Assert.Equal(2, code);
        Assert.Contains("B.safetensors does not fit mlp:12,9,7,5: tensor 'layers.1.weight' has shape [7, 8], expected [7, 9]", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>Files with other names (here a LeNet for an MLP) are refused naming the first missing tensor.</summary>
    [Fact]
    public void AFileWithOtherNamesIsRefusedNamingTheMissingTensor()
    {
        using var scope = NewDisposeScope();
        var lenet = SomeNetworks.Network(Architecture.Parse("lenet:4,6,8,5,1,16"), seed: 95);
        var (pathA, pathB, outDir) = Write(lenet, lenet);
        var (code, _, stderr) = Run("--arch", "mlp:784,500,500,10", pathA, pathB, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("A.safetensors does not fit mlp:784,500,500,10: missing tensor 'layers.0.weight' (expected shape [500, 784])", stderr);
    }

    /// <summary>Usage errors exit 2 with the usage text; an unknown architecture names the known ones; --help exits 0.</summary>
    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        Assert.Equal(2, Run("--arch", "mlp:4,3,2", "only-one.safetensors", "--out", dir).Code);
        var (code, _, stderr) = Run("--arch", "resnet:18", "a", "b", "--out", dir);
        Assert.Equal(2, code);
        Assert.Contains("unknown architecture 'resnet'", stderr);
        Assert.Contains("no such file", Run("--arch", "mlp:4,3,2", "nope1", "nope2", "--out", dir).Error);
        Assert.Equal(0, Run("--help").Code);
    }

    private (string A, string B, string Out) Write(IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        var pathA = Path.Combine(dir, "A.safetensors");
        var pathB = Path.Combine(dir, "B.safetensors");
        StateDictFile.Save(pathA, a);
        StateDictFile.Save(pathB, b);
        return (pathA, pathB, Path.Combine(dir, "out"));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = AlignCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
