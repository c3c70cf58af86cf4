using System.Text.Json;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Cli;
using Reproduce.Harness.Networks;
using Reproduce.Harness.UserNetworks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>`reproduce local-energy` and `reproduce plane` on the fixtures, and what every probe command refuses.</summary>
public sealed class ProbeCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-probes-{Guid.NewGuid():N}");

    public ProbeCommandTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>
    /// local-energy computes what the local-energy stage computes (LocalEnergy.Measure through the stages' evaluator, same
    /// seed): the same dE at every level (tolerance 0), dE(0) = 0, the net's train error; and draws Fig. 1.
    /// </summary>
    [Fact]
    public void LocalEnergyComputesWhatTheStageComputes()
    {
        var outDir = Path.Combine(dir, "le");
        var (code, _, error) = UserNetworkFormsTests.Run(LocalEnergyCommand.Run,
            [Fixtures.File("mlp", "a.pt"), "--data", Fixtures.Data("mlp"), "--out", outDir, "--levels", "0,0.3,0.6", "--draws", "3", "--seed", "4"]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "local_energy.json")));
        var mean = json.RootElement.GetProperty("mean").EnumerateArray().Select(v => v.GetDouble()).ToList();

        using var scope = NewDisposeScope();
        using var data = DataDirectory.Load(Fixtures.Data("mlp"));
        var arch = Architecture.Parse("mlp:20,16,12,4");
        using var evaluator = new NetworkEvaluator(arch, data.Train, data.Test);
        var stage = LocalEnergy.Measure(evaluator, Layouts.For(arch), NetworkFile.Read(Fixtures.File("mlp", "a.pt")), [0, 0.3, 0.6], 3, 4);
        Assert.Equal(stage.Mean, mean);
        Assert.Equal(0, mean[0]);
        Assert.True(mean[2] > 0);
        Assert.Equal(Fixtures.Reference("mlp").GetProperty("train_error_a").GetDouble(), json.RootElement.GetProperty("train_error").GetDouble());
        Assert.True(File.Exists(Path.Combine(outDir, "local-energy.png")));
    }

    /// <summary>
    /// plane A B draws the paper's triple (A, B, B aligned to A) raw and normalized: two plane JSONs whose grids hold the three
    /// points, A at (0, 0) with its own train error (0 for the fixture), and Fig. 4.
    /// </summary>
    [Fact]
    public void PlaneWritesTheRawAndNormalizedSections()
    {
        var outDir = Path.Combine(dir, "plane");
        var (code, output, error) = UserNetworkFormsTests.Run(PlaneCommand.Run,
            [Fixtures.File("convbn", "a.torchscript.pt"), Fixtures.File("convbn", "b.pt"), "--symmetry", Fixtures.Symmetry("convbn"),
             "--data", Fixtures.Data("convbn"), "--out", outDir, "--resolution", "3", "--eval-train", "32", "--eval-test", "16"]);
        Assert.True(code == 0, error);
        Assert.Contains("planes through a, b, b aligned", output);
        foreach (var space in new[] { "raw", "normalized" })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"plane.{space}.json")));
            var root = json.RootElement;
            var x = root.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToList();
            var y = root.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(32, root.GetProperty("eval_train_samples").GetInt32());
            Assert.Equal(3, root.GetProperty("points").EnumerateObject().Count());
            var origin = root.GetProperty("train_error")[y.IndexOf(0)][x.IndexOf(0)].GetDouble();
            Assert.Equal(0, origin);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "plane.png")));
    }

    /// <summary>Data the network cannot take (another input size, labels beyond its outputs) is refused naming both.</summary>
    [Fact]
    public void DataTheNetworkCannotTakeIsRefused()
    {
        var (code, _, error) = UserNetworkFormsTests.Run(PathCommand.Run,
            [Fixtures.File("mlp", "a.pt"), Fixtures.File("mlp", "b.pt"), "--kind", "linear", "--data", Fixtures.Data("convbn"), "--out", dir]);
        Assert.Equal(2, code);
        Assert.Contains("examples of shape [3, 8, 8], but mlp:20,16,12,4 takes [20]", error);

        using (var good = DataDirectory.Load(Fixtures.Data("mlp")))
        {
            using var scope = NewDisposeScope();
            using var two = 2L.ToScalar();
            StateDictFile.Save(Path.Combine(dir, "data.safetensors"), new Dictionary<string, Tensor>
            {
                ["train_x"] = good.Train.Inputs, ["train_y"] = good.Train.Labels.mul(two), ["test_x"] = good.Test.Inputs, ["test_y"] = good.Test.Labels,
            });
        }
        (code, _, error) = UserNetworkFormsTests.Run(PathCommand.Run,
            [Fixtures.File("mlp", "a.pt"), Fixtures.File("mlp", "b.pt"), "--kind", "linear", "--data", dir, "--out", Path.Combine(dir, "o")]);
        Assert.Equal(2, code);
        Assert.Contains("a label 6, but mlp:20,16,12,4 has 4 output(s), so classes 0..3", error);
    }

    /// <summary>Usage mistakes exit 2 with one line and no stack trace: no --data, both --arch and --symmetry, Hamming paths on a ReLU net, an unknown kind.</summary>
    [Theory]
    [InlineData("--data is required", "--kind", "linear")]
    [InlineData("give either --arch or --symmetry", "--kind", "linear", "--data", "DATA", "--arch", "mlp:20,16,12,4", "--symmetry", "x.yaml")]
    [InlineData("hamming paths flip signs of binary weights", "--kind", "hamming", "--data", "DATA")]
    [InlineData("unknown path kind 'curved'", "--kind", "curved", "--data", "DATA")]
    [InlineData("unknown option --sigma", "--kind", "linear", "--data", "DATA", "--sigma", "1")]
    public void UsageMistakesExitWithTwo(string message, params string[] options)
    {
        string[] args = [Fixtures.File("mlp", "a.pt"), Fixtures.File("mlp", "b.pt"), "--out", Path.Combine(dir, "o"),
            .. options.Select(o => o == "DATA" ? Fixtures.Data("mlp") : o)];
        var (code, _, error) = UserNetworkFormsTests.Run(PathCommand.Run, args);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }
}
