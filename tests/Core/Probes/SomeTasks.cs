using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Probes;

/// <summary>Small tasks and networks trained on them for the probe tests, from fixed seeds (each built once per test run).</summary>
internal static class SomeTasks
{
    /// <summary>The MLP trained on <see cref="Hmm"/>: 40 inputs, 24 and 16 ReLU units, 2 classes.</summary>
    public static readonly Architecture Mlp = Architecture.Parse("mlp:40,24,16,2");

    private static readonly Lazy<SplitDataset> HmmData = new(() =>
    {
        // Built once for every test: out of whatever dispose scope the first caller runs in.
        var data = HiddenManifoldModel.Generate(40, 10, 200, 400, 3);
        foreach (var t in new[] { data.Train.Inputs, data.Train.Labels, data.Test.Inputs, data.Test.Labels }) t.DetachFromDisposeScope();
        return data;
    });
    private static readonly Dictionary<int, Dictionary<string, Tensor>> Trained = [];

    /// <summary>Hidden Manifold Model data: N = 40, D = 10, 200 train and 400 test patterns, seed 3.</summary>
    public static SplitDataset Hmm => HmmData.Value;

    /// <summary>
    /// <see cref="Mlp"/> trained with SGD (lr 0.05, Nesterov 0.9, batch 20, at most 80 epochs, to zero train error) from
    /// initial weights of seed <paramref name="seed"/>. The returned tensors are shared: do not modify them.
    /// </summary>
    public static Dictionary<string, Tensor> TrainedMlp(int seed)
    {
        lock (Trained)
        {
            if (Trained.TryGetValue(seed, out var sd)) return sd;
            using var g = DefaultInitialization.GeneratorFor(seed, 0);
            using var model = Mlp.Create(g);
            SgdTraining.Train(model, Hmm.Train, new SgdOptions(0.05, 0.9, true, 20, 80, 0, seed));
            sd = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
            Trained[seed] = sd;
            return sd;
        }
    }

    /// <summary>A copy of <paramref name="sd"/> with the units of every hidden group permuted (the same function).</summary>
    public static Dictionary<string, Tensor> Permuted(Reproduce.Core.Symmetry.UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, int seed)
    {
        var g = new Generator((ulong)seed);
        var work = sd.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        foreach (var group in layout.Groups) Reproduce.Core.Symmetry.UnitTransform.Permute(work, group, randperm(group.Units, generator: g));
        return work;
    }
}
