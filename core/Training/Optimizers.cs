using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>Builds TorchSharp optimizers from <see cref="OptimizerOptions"/> and moves their state in and out of memory.</summary>
public static class Optimizers
{
    /// <summary>The optimizer over <paramref name="parameters"/>; no weight decay.</summary>
    public static optim.Optimizer Create(OptimizerOptions o, IEnumerable<TorchSharp.Modules.Parameter> parameters) => o.Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, o.LearningRate, o.Momentum, 0, 0, o.Nesterov),
        OptimizerKind.Adam => optim.Adam(parameters, o.LearningRate, o.Beta1, o.Beta2),
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double lr)
    {
        foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
    }

    /// <summary>The optimizer's state (momentum buffers, Adam moments and step counts) as bytes.</summary>
    public static byte[] Save(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) Helper(optimizer).save_state_dict(writer);
        return stream.ToArray();
    }

    /// <summary>Restores a state written by <see cref="Save"/> into an optimizer built with the same options and parameters.</summary>
    public static void Load(optim.Optimizer optimizer, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        Helper(optimizer).load_state_dict(reader);
    }

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new ArgumentException($"{optimizer.GetType().Name} cannot save its state", nameof(optimizer));
}
