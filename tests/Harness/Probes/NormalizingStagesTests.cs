using System.Text.Json.Nodes;
using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Networks;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Reproduce.Tests.Core.Symmetry;
using Serilog;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.Probes;

/// <summary>
/// The stages that normalize take their target norms from their <c>normalization</c> setting: a canonicalize stage and the
/// endpoints of a geodesic path, run with r_l = 2 and r_L = 3, give networks on those spheres (1e-5 relative).
/// </summary>
public sealed class NormalizingStagesTests : IDisposable
{
    private const string Arch = "mlp:12,9,7,5";
    private static readonly NormalizationSettings Norms = new(HiddenNorm: 2, OutputNorm: 3);
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-norms-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    [Fact]
    public async Task CanonicalizeStageNormalizesToTheNormsOfItsSettings()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(Arch);
        var train = Input(StageKinds.Train, ("network.safetensors", SomeNetworks.Network(arch, seed: 3)));
        var stage = Stage(StageKinds.Canonicalize, new JsonObject
        {
            ["architecture"] = Arch, ["solution"] = "sgd-s1", ["normalization"] = ProbePlanner.Normalization(Norms),
        });
        var outcome = await new CanonicalizeStageRunner().RunAsync(Context(stage, [train]));
        Assert.Equal(0, (int)outcome.Result["predictions_changed"]!);
        Assert.True((double)outcome.Result["self_alignment_distance"]! <= 1e-8);
        AssertOnSpheres(Layouts.For(arch), StateDictFile.Load(Path.Combine(root, stage.Key, "normalized.safetensors")), Norms);
    }

    [Fact]
    public void GeodesicPathEndpointAIsNormalizedToTheNormsOfItsSettings()
    {
        using var scope = NewDisposeScope();
        var arch = Architecture.Parse(Arch);
        var layout = Layouts.For(arch);
        var b = UnitNormalization.Normalize(layout, SomeNetworks.Network(arch, seed: 5), Norms);
        var inputs = new[]
        {
            Input(StageKinds.Data),
            Input(StageKinds.Train, ("network.safetensors", SomeNetworks.Network(arch, seed: 4))),
            Input(StageKinds.Train, ("network.safetensors", SomeNetworks.Network(arch, seed: 5))),
            Input(StageKinds.Align, ("b_aligned_normalized.safetensors", b)),
        };
        var stage = Stage(StageKinds.Path, new JsonObject
        {
            ["architecture"] = Arch, ["kind"] = "geodesic-aligned", ["normalization"] = ProbePlanner.Normalization(Norms),
        });
        var (a, _) = ProbeInputs.Endpoints(Context(stage, inputs), PathKind.GeodesicAligned, arch);
        AssertOnSpheres(layout, a, Norms);
    }

    private Stage Stage(string kind, JsonObject settings) =>
        new(kind, $"{kind}-{Guid.NewGuid():N}", $"{kind}/x", settings, [], ["x"]);

    /// <summary>A finished input stage whose folder holds <paramref name="files"/>.</summary>
    private StageInput Input(string kind, params (string File, Dictionary<string, Tensor> Network)[] files)
    {
        var stage = Stage(kind, []);
        var folder = Path.Combine(root, stage.Key);
        Directory.CreateDirectory(folder);
        foreach (var (file, network) in files) StateDictFile.Save(Path.Combine(folder, file), network);
        var manifest = new StageManifest(kind, stage.Key, stage.Version, stage.Id, [], [], new Dictionary<string, OutputFile>(), [], []);
        return new StageInput(stage, manifest, folder);
    }

    private StageRunContext Context(Stage stage, IReadOnlyList<StageInput> inputs)
    {
        var folder = Path.Combine(root, stage.Key);
        Directory.CreateDirectory(folder);
        return new StageRunContext(stage, folder, inputs, root, new NoProgress(), new LoggerConfiguration().CreateLogger(), CancellationToken.None);
    }

    private static void AssertOnSpheres(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, NormalizationSettings settings)
    {
        var rows = Spheres.Rows(layout, sd);
        Assert.Equal(3, rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var target = k < layout.Groups.Count ? 2.0 : 3.0;
            Assert.Equal(target, k < layout.Groups.Count ? settings.HiddenTarget(rows[k].Rows.shape[1]) : settings.OutputTarget(rows[k].Rows.shape[1]));
            foreach (var n in Spheres.RowNorms(rows[k].Rows).data<double>().ToArray()) Check.Close(target, n, 1e-5, 0, rows[k].Name);
        }
    }

    private sealed class NoProgress : IStageProgress
    {
        public void Report(double fraction, string status) { }
    }
}
