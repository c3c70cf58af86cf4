using System.Text.Json;
using Reproduce.Core.Geometry;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Cli;
using Reproduce.Harness.Networks;
using Reproduce.Tests.Core.Symmetry;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>
/// The PyTorch-trained fixtures (two MLPs, two conv nets with BN) from each form a user saves them in: safetensors,
/// torch.save(state_dict) and TorchScript, against the built-in path and against PyTorch's own numbers.
/// </summary>
public sealed class UserNetworkFormsTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-forms-{Guid.NewGuid():N}");

    public UserNetworkFormsTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>
    /// How each form is read: the MLP by its built-in architecture (inferred from the safetensors, given for the .pt) and
    /// by its description (TorchScript); the conv net by its description, with the TorchScript model computing the state dicts.
    /// </summary>
    public static TheoryData<string, string, string[]> Forms => new()
    {
        { "mlp", "safetensors", [] },
        { "mlp", "pt", ["--arch", "mlp:20,16,12,4"] },
        { "mlp", "torchscript.pt", ["--symmetry", Fixtures.Symmetry("mlp")] },
        { "convbn", "safetensors", ["--symmetry", Fixtures.Symmetry("convbn"), "--model", Fixtures.File("convbn", "a.torchscript.pt")] },
        { "convbn", "pt", ["--symmetry", Fixtures.Symmetry("convbn"), "--model", Fixtures.File("convbn", "a.torchscript.pt")] },
        { "convbn", "torchscript.pt", ["--symmetry", Fixtures.Symmetry("convbn")] },
    };

    /// <summary>
    /// From each form, `reproduce align` reports the distances the built-in path computes (the built-in layout of mlp:20,16,12,4,
    /// or the conv net's layout written by hand, over the safetensors tensors): raw and aligned Euclidean, normalized-aligned
    /// geodesic, equal to 1e-12 relative.
    /// </summary>
    [Theory]
    [MemberData(nameof(Forms))]
    public void EveryFormGivesTheBuiltInDistances(string family, string form, string[] options)
    {
        using var scope = NewDisposeScope();
        var layout = family == "mlp" ? Layouts.Mlp([20, 16, 12, 4]) : Descriptions.ConvBn();
        var a = NetworkFile.Read(Fixtures.File(family, "a.safetensors"));
        var b = NetworkFile.Read(Fixtures.File(family, "b.safetensors"));
        var na = UnitNormalization.Normalize(layout, a);
        var expected = new Dictionary<string, double>
        {
            ["euclidean_raw"] = Distance.Euclidean(layout, a, b),
            ["euclidean_aligned"] = Distance.Euclidean(layout, a, WeightMatching.Align(layout, a, b).Aligned),
            ["geodesic_normalized_aligned"] = Distance.Geodesic(layout, na, WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, b)).Aligned),
        };
        var json = Align(Fixtures.File(family, $"a.{form}"), Fixtures.File(family, $"b.{form}"), options);
        foreach (var (key, value) in expected)
            Assert.True(Math.Abs(json.GetProperty(key).GetDouble() - value) <= 1e-12 * value, $"{key}: {json.GetProperty(key).GetDouble()} vs {value}");
        Assert.True(expected["euclidean_aligned"] < expected["euclidean_raw"]);
    }

    /// <summary>
    /// A copy of net a with every unit permuted and rescaled (BN pre-activations too, the output layer ×2.5), saved as
    /// safetensors, aligns back to a through the described TorchScript route: normalized-aligned geodesic distance &lt; 1e-3.
    /// </summary>
    [Theory]
    [InlineData("mlp")]
    [InlineData("convbn")]
    public void APermutedRescaledCopyAlignsBack(string family)
    {
        using var scope = NewDisposeScope();
        var model = Fixtures.File(family, "a.torchscript.pt");
        var layout = family == "mlp" ? Layouts.Mlp([20, 16, 12, 4]) : Descriptions.ConvBn();
        var scrambled = Path.Combine(dir, "scrambled.safetensors");
        StateDictFile.Save(scrambled, SomeNetworks.Scrambled(layout, NetworkFile.Read(model), seed: 7));
        var json = Align(model, scrambled, ["--symmetry", Fixtures.Symmetry(family), "--model", model]);
        Assert.True(json.GetProperty("euclidean_raw").GetDouble() > 1);
        Assert.True(json.GetProperty("geodesic_normalized_aligned").GetDouble() < 1e-3, json.GetProperty("geodesic_normalized_aligned").ToString());
    }

    /// <summary>The TorchScript model, run here, gives PyTorch's logits on the stored test inputs (1e-5 absolute) and the same predictions.</summary>
    [Theory]
    [InlineData("mlp", "a")]
    [InlineData("mlp", "b")]
    [InlineData("convbn", "a")]
    [InlineData("convbn", "b")]
    public void TheTorchScriptModelPredictsAsPyTorch(string family, string net)
    {
        using var scope = NewDisposeScope();
        using var module = new ScriptNetwork(NetworkFile.LoadScript(Fixtures.File(family, $"{net}.torchscript.pt")));
        module.eval();
        using var noGrad = no_grad();
        var logits = module.call(NpyFile.Read(Path.Combine(Fixtures.Data(family), "test_x.npy"))).to(ScalarType.Float64);
        var reference = Fixtures.Reference(family).GetProperty($"test_logits_{net}").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var expected = tensor(reference.SelectMany(r => r).ToArray()).reshape(reference.Length, -1);
        using var minusOne = (-1.0).ToScalar();
        Assert.True(logits.add(expected, minusOne).abs().max().item<double>() < 1e-5);
        Assert.True(logits.argmax(1).eq(expected.argmax(1)).all().item<bool>());
    }

    /// <summary>
    /// `reproduce path --kind linear` on the fixture's data, from each form, gives PyTorch's train and test error at each of the
    /// 25 points of the linear path (BN statistics recomputed at each point in both) and its barrier, to 1e-6. The fixture
    /// script checked that no logit gap on the way is under 4e-3, so rounding cannot flip a prediction.
    /// </summary>
    [Theory]
    [MemberData(nameof(Forms))]
    public void TheLinearBarrierEqualsPyTorchs(string family, string form, string[] options)
    {
        var reference = Fixtures.Reference(family).GetProperty("linear_path");
        var outDir = Path.Combine(dir, "path");
        var (code, _, error) = Run(PathCommand.Run, [Fixtures.File(family, $"a.{form}"), Fixtures.File(family, $"b.{form}"), "--kind", "linear",
            "--data", Fixtures.Data(family), "--out", outDir, .. options]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "path.json")));
        var root = json.RootElement;
        Assert.True(Math.Abs(root.GetProperty("barrier").GetDouble() - reference.GetProperty("barrier").GetDouble()) <= 1e-6);
        Assert.True(reference.GetProperty("barrier").GetDouble() > 0.2);
        foreach (var key in new[] { "t", "train_error", "test_error" })
            Assert.Equal(Numbers(reference.GetProperty(key)), Numbers(root.GetProperty(key)), (x, y) => Math.Abs(x - y) <= 1e-6);
        Assert.True(File.Exists(Path.Combine(outDir, "path.png")));
        Assert.Equal(26, File.ReadAllLines(Path.Combine(outDir, "path.csv")).Length);
    }

    /// <summary>
    /// A model traced in eval mode cannot recompute its BN statistics (its batch norms ignore train()): the path is refused
    /// saying so, and runs with --bn-recompute false.
    /// </summary>
    [Fact]
    public void ATracedBatchNormModelCannotRecomputeItsStatistics()
    {
        string[] args = [Fixtures.File("convbn", "a.pt"), Fixtures.File("convbn", "b.pt"), "--kind", "linear", "--data", Fixtures.Data("convbn"),
            "--out", Path.Combine(dir, "traced"), "--symmetry", Fixtures.Symmetry("convbn"), "--model", Fixtures.File("convbn", "a.traced.pt"), "--points", "3"];
        var (code, _, error) = Run(PathCommand.Run, args);
        Assert.Equal(2, code);
        Assert.Contains("batch norm 'bn1' did not update its running statistics in train mode", error);
        Assert.Equal(0, Run(PathCommand.Run, [.. args, "--bn-recompute", "false"]).Code);
    }

    private JsonElement Align(string a, string b, string[] options)
    {
        var outDir = Path.Combine(dir, $"align-{Guid.NewGuid():N}");
        var (code, _, error) = Run(AlignCommand.Run, [a, b, "--out", outDir, .. options]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "alignment.json"))).RootElement;
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    internal static (int Code, string Output, string Error) Run(Func<string[], TextWriter, TextWriter, int> command, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = command(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
