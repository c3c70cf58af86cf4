using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Numerics;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Core.Training;
using Reproduce.Tests.Core.Training;
using static TorchSharp.torch;

namespace Reproduce.Tests.Safety;

/// <summary>Small trained networks and data for the GC-stress tests of the probes.</summary>
public static class ProbeNets
{
    /// <summary>
    /// Two solutions of <paramref name="arch"/> on the toy task (8 inputs, 3 classes), trained 30 epochs with SGD from the
    /// seeds' own initializations: (layout, A, B, data). Tensors live in the caller's dispose scope.
    /// </summary>
    public static (UnitLayout Layout, Dictionary<string, Tensor> A, Dictionary<string, Tensor> B, Dataset Data) TrainedPair(
        string arch, (int, int)? seeds = null)
    {
        var architecture = Architecture.Parse(arch);
        var data = ToyTask.Data();
        var (s1, s2) = seeds ?? (1, 2);
        return (Layouts.For(architecture), Train(architecture, data, s1), Train(architecture, data, s2), data);
    }

    private static Dictionary<string, Tensor> Train(Architecture arch, Dataset data, int seed)
    {
        using var g = DefaultInitialization.GeneratorFor(seed, 0);
        using var model = arch.Create(g);
        var optimizer = arch.IsBinary ? OptimizerOptions.Adam(0.01) : OptimizerOptions.Sgd(0.1, 0.9, true);
        using (var run = new Sgd(model, data, new TrainOptions(optimizer, 32, 30, 0, seed, arch.IsBinary))) run.Run();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    /// <summary>The endpoints a path of <paramref name="kind"/> takes: raw, B aligned to A, or both normalized with B aligned.</summary>
    public static (Dictionary<string, Tensor> A, Dictionary<string, Tensor> B) Endpoints(PathKind kind, UnitLayout layout,
        Dictionary<string, Tensor> a, Dictionary<string, Tensor> b) => kind switch
    {
        PathKind.Linear => (a, b),
        PathKind.LinearAligned => (a, WeightMatching.Align(layout, a, b).Aligned),
        _ => Normalized(layout, a, b),
    };

    private static (Dictionary<string, Tensor>, Dictionary<string, Tensor>) Normalized(UnitLayout layout, Dictionary<string, Tensor> a,
        Dictionary<string, Tensor> b)
    {
        var na = UnitNormalization.Normalize(layout, a);
        return (na, WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, b)).Aligned);
    }

    /// <summary>The toy task's 8 inputs as ±1 with labels 0/1 (the first teacher output positive): for one-output binary nets.</summary>
    public static Dataset BinaryToy()
    {
        using var toy = ToyTask.Data();
        using var scope = NewDisposeScope();
        var inputs = where(toy.Inputs.ge(Scalars.Zero), ones_like(toy.Inputs), ones_like(toy.Inputs).neg());
        var labels = toy.Labels.eq(Scalars.Zero).to_type(ScalarType.Int64);
        return new Dataset("toy-binary", inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), 2);
    }

    /// <summary><paramref name="count"/> random 3×32×32 images in <paramref name="classes"/> classes (seeded), for VGG.</summary>
    public static Dataset Images(int count, int classes)
    {
        using var g = new Generator(11);
        return new Dataset("images", randn([count, 3, 32, 32], generator: g), randint(0, classes, [count], generator: g), classes);
    }
}
