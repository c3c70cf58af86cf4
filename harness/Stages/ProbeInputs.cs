using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// What the canonicalize and probe runners share: the architecture of their settings, networks read from their input
/// stages' folders (checked against the architecture), the evaluator on the probes' train subset, and the writers of
/// the result files of docs/stages.md.
/// </summary>
public static class ProbeInputs
{
    /// <summary>The architecture named by the stage's <c>architecture</c> setting.</summary>
    public static Architecture Architecture(StageRunContext context) => Core.Models.Architecture.Parse((string)context.Stage.Settings["architecture"]!);

    /// <summary>The input at <paramref name="position"/>, checked to be of <paramref name="kind"/>.</summary>
    public static StageInput Input(StageRunContext context, int position, string kind)
    {
        var input = context.Inputs[position];
        if (input.Stage.Kind != kind) throw new StageFailedException($"{context.Stage.Id}: input {position} is {input.Stage.Id}, expected a {kind} stage");
        return input;
    }

    /// <summary>Reads <paramref name="file"/> of an input stage's folder; refuses a network that does not fit the architecture, naming the tensor.</summary>
    public static Dictionary<string, Tensor> Network(StageRunContext context, StageInput input, string file, Architecture arch)
    {
        var path = Path.Combine(input.Folder, file);
        var sd = StateDictFile.Load(path);
        if (StateDictShapeCheck.FirstMismatch(arch, sd) is { } mismatch)
            throw new StageFailedException($"{context.Stage.Id}: {path} does not fit {arch}: {mismatch}");
        return sd;
    }

    /// <summary>The data set of the (first) data input, leased from the memo. Take it before opening a dispose scope.</summary>
    public static DatasetMemo.Lease Data(StageRunContext context)
    {
        var input = context.Inputs.First(i => i.Stage.Kind == Planning.StageKinds.Data);
        return DatasetMemo.Get(context.DataDirectory, StageSettings.Data(input.Stage.Settings)).Lease();
    }

    /// <summary>The evaluator on the stage's <c>eval_train_subset</c> and <c>eval_test_subset</c> (first samples), with its <c>bn_recompute</c>.</summary>
    public static NetworkEvaluator Evaluator(StageRunContext context, Architecture arch, DatasetMemo.Lease data)
    {
        var s = context.Stage.Settings;
        return new NetworkEvaluator(arch, data.Value.Train, data.Value.Test, (int?)s["eval_train_subset"] ?? 0, (bool?)s["bn_recompute"] ?? true,
            testSubset: (int?)s["eval_test_subset"] ?? 0);
    }

    /// <summary>
    /// Endpoints of a path kind: raw A and B; raw A and B aligned raw; A normalized to the stage's <c>normalization</c>
    /// setting and B aligned normalized (normalized by its canonicalize stage to the same norms).
    /// </summary>
    public static (Dictionary<string, Tensor> A, Dictionary<string, Tensor> B) Endpoints(StageRunContext context, PathKind kind, Architecture arch)
    {
        var (trainA, trainB, align) = (Input(context, 1, Planning.StageKinds.Train), Input(context, 2, Planning.StageKinds.Train),
            Input(context, 3, Planning.StageKinds.Align));
        var a = Network(context, trainA, "network.safetensors", arch);
        if (PathKinds.Normalized(kind))
            return (UnitNormalization.Normalize(Layouts.For(arch), a, StageSettings.Normalization(context.Stage.Settings)),
                Network(context, align, "b_aligned_normalized.safetensors", arch));
        return PathKinds.Aligned(kind)
            ? (a, Network(context, align, "b_aligned_raw.safetensors", arch))
            : (a, Network(context, trainB, "network.safetensors", arch));
    }

    /// <summary>
    /// Raw A and raw B carried by the alignment of the normalized networks (the permutations and flips the align stage stored
    /// in <c>alignment.json</c> as <c>permutations</c> and <c>sign_flips</c>): for a binary net, the latent weights of the
    /// hamming-aligned endpoints, whose signs are those of A and of B aligned normalized. (Raw B aligned raw is matched on
    /// latent weights and can take another permutation.)
    /// </summary>
    public static (Dictionary<string, Tensor> A, Dictionary<string, Tensor> B) LatentOfNormalizedAlignment(StageRunContext context, Architecture arch)
    {
        var (trainA, trainB, align) = (Input(context, 1, Planning.StageKinds.Train), Input(context, 2, Planning.StageKinds.Train),
            Input(context, 3, Planning.StageKinds.Align));
        var layout = Layouts.For(arch);
        var file = Path.Combine(align.Folder, "alignment.json");
        var json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new StageFailedException($"{context.Stage.Id}: {file} is not a JSON object");
        var permutations = json["permutations"] as JsonObject ?? throw new StageFailedException($"{context.Stage.Id}: {file} has no 'permutations'");
        var flips = json["sign_flips"] as JsonObject;
        var groups = layout.Groups.Select(g => new GroupAlignment(g.Name,
            (permutations[g.Name] as JsonArray ?? throw new StageFailedException($"{context.Stage.Id}: {file} has no permutation for group '{g.Name}'"))
                .Select(n => (int)n!).ToArray(),
            (flips?[g.Name] as JsonArray)?.Select(n => (bool)n!).ToArray(), [])).ToList();
        var b = Network(context, trainB, "network.safetensors", arch);
        try { return (Network(context, trainA, "network.safetensors", arch), WeightMatching.Apply(layout, b, groups)); }
        catch (ArgumentException e) { throw new StageFailedException($"{context.Stage.Id}: {file} does not fit {arch}: {e.Message}"); }
    }

    /// <summary>Reports progress and honours cancellation.</summary>
    public static Action<double> Progress(StageRunContext context, string what) => p =>
    {
        context.Cancel.ThrowIfCancellationRequested();
        context.Progress.Report(p, what);
    };

    /// <summary>Writes indented JSON (UTF-8, no BOM).</summary>
    public static void WriteJson(StageRunContext context, string file, JsonNode node) =>
        File.WriteAllText(Path.Combine(context.Folder, file), node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Writes <c>path.csv</c>: <c>t,train_error,test_error</c>, numbers round-trip.</summary>
    public static void WritePathCsv(StageRunContext context, PathCurve curve)
    {
        var sb = new StringBuilder("t,train_error,test_error\n");
        for (var i = 0; i < curve.T.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{curve.T[i]:R},{curve.TrainError[i]:R},{curve.TestError[i]:R}\n");
        File.WriteAllText(Path.Combine(context.Folder, "path.csv"), sb.ToString());
    }

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
