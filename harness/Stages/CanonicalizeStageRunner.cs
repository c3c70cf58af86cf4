using System.Text.Json.Nodes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The canonicalize stage: one solution normalized (paper Alg. 1, <see cref="UnitNormalization"/>), written as
/// <c>normalized.safetensors</c>: the same function, every hidden unit and the last layer on their spheres.
/// </summary>
public sealed class CanonicalizeStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Canonicalize;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        using var scope = NewDisposeScope();
        var arch = ProbeInputs.Architecture(context);
        var sd = ProbeInputs.Network(context, ProbeInputs.Input(context, 0, Planning.StageKinds.Train), "network.safetensors", arch);
        StateDictFile.Save(Path.Combine(context.Folder, "normalized.safetensors"), UnitNormalization.Normalize(Layouts.For(arch), sd));
        var result = new JsonObject { ["solution"] = (string)context.Stage.Settings["solution"]!, ["architecture"] = arch.ToString() };
        return Task.FromResult(new StageOutcome(["normalized.safetensors"], result));
    }
}
