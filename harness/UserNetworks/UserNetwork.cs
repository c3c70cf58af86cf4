using ExternalException = System.Runtime.InteropServices.ExternalException;
using System.Text.Json.Nodes;
using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// The networks a user command probes (A, B, … in command-line order) with what probing them needs: their
/// <see cref="UnitLayout"/> and the module that computes them. Two routes:
/// <list type="bullet">
/// <item>a built-in architecture (<c>--arch</c>, or an MLP inferred from the first file's names): any file format, checked
/// tensor by tensor against the architecture, evaluated by its module, laid out by <see cref="Layouts.For"/> — exactly what
/// the stages use;</item>
/// <item>a symmetry description (<c>--symmetry</c>) and a TorchScript model (<c>--model</c>, or the first TorchScript file):
/// every file must hold the model's tensors; the description is fitted to them (<see cref="LayoutFit"/>) and verified on the
/// first network (<see cref="LayoutVerification"/>) before anything uses it; the model's forward computes every point with
/// the probed weights written into it, and its batch norms are recomputed by <see cref="ScriptBatchNorm"/>.</item>
/// </list>
/// </summary>
public sealed class UserNetwork : IDisposable
{
    private readonly string? modelFile;

    /// <summary>What the networks are: the architecture's written form, or the description's name.</summary>
    public string Name { get; }

    /// <summary>Their symmetry structure.</summary>
    public UnitLayout Layout { get; }

    /// <summary>The files, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The networks' tensors, one state dict per file.</summary>
    public IReadOnlyList<Dictionary<string, Tensor>> Networks { get; }

    /// <summary>The built-in architecture, or null for a described model.</summary>
    public Architecture? Architecture { get; }

    /// <summary>True when the architecture was inferred, not given.</summary>
    public bool Inferred { get; }

    /// <summary>The description's file, or null.</summary>
    public string? Symmetry { get; }

    /// <summary>What the description's verification measured, or null for a built-in architecture.</summary>
    public LayoutVerification.Result? Verification { get; }

    /// <summary>Floating-point tensors the description does not mention (they move linearly on every path).</summary>
    public IReadOnlyList<string> Undescribed { get; } = [];

    /// <summary>One example's shape as the model takes it.</summary>
    public IReadOnlyList<long> InputShape { get; }

    private UserNetwork(string name, UnitLayout layout, IReadOnlyList<string> files, IReadOnlyList<Dictionary<string, Tensor>> networks,
        IReadOnlyList<long> inputShape, Architecture? architecture = null, bool inferred = false, string? symmetry = null, string? modelFile = null,
        LayoutVerification.Result? verification = null, IReadOnlyList<string>? undescribed = null)
    {
        (Name, Layout, Files, Networks, InputShape) = (name, layout, files, networks, inputShape);
        (Architecture, Inferred, Symmetry, this.modelFile, Verification) = (architecture, inferred, symmetry, modelFile, verification);
        Undescribed = undescribed ?? [];
    }

    /// <summary>
    /// Reads <paramref name="files"/> by one of the two routes (at most one of <paramref name="arch"/> and
    /// <paramref name="symmetry"/>; <paramref name="model"/> only with <paramref name="symmetry"/>). A description is verified on
    /// <paramref name="samples"/> (n, ...) when given (the data's first inputs), else on <see cref="LayoutVerification.SampleInputs"/>
    /// inputs N(0, 1) of its input shape. Errors name the file and what does not fit.
    /// </summary>
    public static UserNetwork Open(IReadOnlyList<string> files, string? arch, string? symmetry, string? model, Tensor? samples = null)
    {
        if (arch is not null && symmetry is not null) throw new ArgumentException("give either --arch or --symmetry, not both");
        if (model is not null && symmetry is null) throw new ArgumentException("--model needs a symmetry description (--symmetry FILE)");
        Architecture? parsed;
        try { parsed = arch is null ? null : Core.Models.Architecture.Parse(arch); }
        catch (FormatException e) { throw new FormatException($"--arch {e.Message}", e); }
        var networks = new List<Dictionary<string, Tensor>>();
        try
        {
            foreach (var f in files) networks.Add(NetworkFile.Read(f));
            return symmetry is null ? BuiltIn(files, networks, parsed) : Described(files, networks, symmetry, model, samples);
        }
        catch
        {
            foreach (var t in networks.SelectMany(n => n.Values)) t.Dispose();
            throw;
        }
    }

    private static UserNetwork BuiltIn(IReadOnlyList<string> files, List<Dictionary<string, Tensor>> networks, Architecture? given)
    {
        var arch = given ?? ArchitectureInference.Mlp(networks[0], files[0]);
        for (var i = 0; i < files.Count; i++)
            if (StateDictShapeCheck.FirstMismatch(arch, networks[i]) is { } mismatch)
                throw new InvalidDataException($"{files[i]} does not fit {arch}: {mismatch}");
        return new UserNetwork(arch.ToString(), Layouts.For(arch), files, networks, arch.InputShape, arch, given is null);
    }

    private static UserNetwork Described(IReadOnlyList<string> files, List<Dictionary<string, Tensor>> networks, string symmetry, string? model, Tensor? samples)
    {
        var description = SymmetryDescriptionReader.Read(symmetry);
        var modelFile = model ?? files.FirstOrDefault(f => NetworkFile.Detect(f) == NetworkFile.Format.TorchScript)
            ?? throw new InvalidDataException($"{symmetry} describes a model whose code is not given: pass --model FILE (torch.jit.script(model).save(FILE)), or the networks as TorchScript files");
        using var module = new ScriptNetwork(NetworkFile.LoadScript(modelFile));
        var template = module.state_dict();
        for (var i = 0; i < files.Count; i++)
            if (StateDictShapeCheck.FirstMismatch(template, $"the model {modelFile}", networks[i]) is { } mismatch)
                throw new InvalidDataException($"{files[i]} does not fit the model {modelFile}: {mismatch}");
        var fit = LayoutFit.Fit(description, networks[0]);
        if (samples is not null && samples.shape.Skip(1).Aggregate(1L, (p, d) => p * d) != description.InputShape.Aggregate(1L, (p, d) => p * d))
            throw new InvalidDataException($"the data's examples have shape [{string.Join(", ", samples.shape.Skip(1))}], but {symmetry} declares input_shape [{string.Join(", ", description.InputShape)}]");
        using var scope = NewDisposeScope();
        var x = samples ?? randn([LayoutVerification.SampleInputs, .. description.InputShape], generator: new Generator(0));
        var verification = Guarded(modelFile, x, () => LayoutVerification.Verify(module, fit.Layout, networks[0], x, symmetry));
        return new UserNetwork(description.Name, fit.Layout, files, networks, description.InputShape, symmetry: symmetry, modelFile: modelFile,
            verification: verification, undescribed: fit.Undescribed);
    }

    /// <summary>
    /// The evaluator of these networks on <paramref name="data"/>, with the stages' settings: the first
    /// <paramref name="evalTrain"/> and <paramref name="evalTest"/> samples (0 = all), BN statistics recomputed at each point
    /// when <paramref name="recomputeBatchNorm"/>.
    /// </summary>
    public NetworkEvaluator Evaluator(SplitDataset data, int evalTrain, int evalTest, bool recomputeBatchNorm)
    {
        if (Architecture is { } arch) return new NetworkEvaluator(arch, data.Train, data.Test, evalTrain, recomputeBatchNorm, testSubset: evalTest);
        var module = new ScriptNetwork(NetworkFile.LoadScript(modelFile!));
        var batchNorm = ScriptBatchNorm.For(module.state_dict());
        return new NetworkEvaluator(Name, module, data.Train, data.Test, evalTrain, recomputeBatchNorm, testSubset: evalTest,
            recomputeStatistics: batchNorm is null ? null : batchNorm.Recompute);
    }

    /// <summary>Refuses data the networks cannot take: another number of input values per example, or labels beyond the outputs.</summary>
    public void CheckData(SplitDataset data, string source)
    {
        var shape = data.Train.Inputs.shape.Skip(1).ToArray();
        var expected = InputShape.Aggregate(1L, (p, d) => p * d);
        var conv = Architecture is { Kind: NetworkKind.LeNet or NetworkKind.Vgg16Bn or NetworkKind.BinaryConvNet };
        if (conv ? !shape.SequenceEqual(InputShape) : shape.Aggregate(1L, (p, d) => p * d) != expected)
            throw new InvalidDataException($"{source}: examples of shape [{string.Join(", ", shape)}], but {Name} takes [{string.Join(", ", InputShape)}]");
        if (Layout.Output.Weight is not { } weight) return;
        var outputs = Networks[0][weight].shape[0];
        var classes = outputs == 1 ? 2 : outputs;
        var top = Math.Max(data.Train.Labels.max().item<long>(), data.Test.Count > 0 ? data.Test.Labels.max().item<long>() : 0);
        if (top >= classes)
            throw new InvalidDataException($"{source}: a label {top}, but {Name} has {outputs} output(s), so classes 0..{classes - 1}");
    }

    /// <summary>Where the networks came from and how they were checked, for a command's JSON.</summary>
    public JsonObject Describe()
    {
        var o = new JsonObject { ["network"] = Name, ["files"] = new JsonArray(Files.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()) };
        if (Architecture is not null) o["architecture_inferred"] = Inferred;
        if (Symmetry is null || Verification is null) return o;
        o["symmetry"] = Symmetry;
        o["model"] = modelFile;
        o["verification"] = new JsonObject
        {
            ["tolerance"] = LayoutVerification.Tolerance,
            ["inputs"] = Verification.Inputs,
            ["max_relative_output_change"] = new JsonObject(Verification.Checks.Select(c => KeyValuePair.Create(c.Check, (JsonNode?)c.Deviation))),
        };
        o["undescribed_tensors"] = new JsonArray(Undescribed.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray());
        return o;
    }

    /// <summary>A libtorch failure of the model's forward (inputs of the wrong shape, say) as a message naming the model.</summary>
    public static T Guarded<T>(string modelFile, Tensor x, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (ExternalException e)
        {
            throw new InvalidDataException($"the model {modelFile} failed on inputs of shape [{string.Join(", ", x.shape)}]: {e.Message.Split('\n')[0].Trim()}", e);
        }
        catch (InvalidCastException e)
        {
            throw new InvalidDataException($"the model {modelFile}'s forward does not take one tensor and return one tensor of outputs (n, classes)", e);
        }
    }

    /// <summary>Frees the networks' tensors.</summary>
    public void Dispose()
    {
        foreach (var t in Networks.SelectMany(n => n.Values)) t.Dispose();
    }
}
