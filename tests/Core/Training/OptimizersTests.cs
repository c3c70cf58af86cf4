using Reproduce.Core.Training;
using Reproduce.Tests.Safety;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Training;

/// <summary>
/// Our SGD and Adam (Optimizers.Create) replace TorchSharp's, whose steps pass implicit Scalars (issue 13): the same update
/// in the same order, so the same bits, and the same saved state.
/// </summary>
public class OptimizersTests
{
    private static void Step(nn.Module<Tensor, Tensor> net, optim.Optimizer opt, Tensor x, Tensor y, bool reference)
    {
        using var scope = NewDisposeScope();
        opt.zero_grad();
        nn.functional.cross_entropy(net.call(x), y).backward();
        if (reference) TorchSharpReference.Step(opt);
        else opt.step();
    }

    /// <summary>Ten steps of each on the toy task from the same weights, with a learning rate changed midway: exact equality.</summary>
    [Theory]
    [InlineData("sgd", 0.9, true)]
    [InlineData("sgd", 0.9, false)]
    [InlineData("sgd", 0.0, false)]
    [InlineData("adam", 0.0, false)]
    public void StepsMatchTorchSharpBitForBit(string kind, double momentum, bool nesterov)
    {
        using var data = ToyTask.Data();
        using var reference = ToyTask.Net(5);
        using var model = ToyTask.Net(5);
        var options = kind == "adam" ? OptimizerOptions.Adam(0.01, 0.8, 0.99) : OptimizerOptions.Sgd(0.1, momentum, nesterov);
        using var theirs = kind == "adam" ? TorchSharpReference.Adam(reference.parameters(), 0.01, 0.8, 0.99)
            : TorchSharpReference.Sgd(reference.parameters(), 0.1, momentum, nesterov);
        using var ours = Optimizers.Create(options, model.parameters());
        for (var step = 0; step < 10; step++)
        {
            if (step == 5)
            {
                Optimizers.SetLearningRate(theirs, options.LearningRate * 0.3);
                Optimizers.SetLearningRate(ours, options.LearningRate * 0.3);
            }
            var (x, y) = (data.Inputs.narrow(0, 32 * step % 256, 32), data.Labels.narrow(0, 32 * step % 256, 32));
            Step(reference, theirs, x, y, reference: true);
            Step(model, ours, x, y, reference: false);
        }
        Assert.True(ToyTask.SameWeights(reference, model), $"{kind}: weights differ after 10 steps");
    }

    /// <summary>The optimizer state (momentum buffers, Adam's moments and step counts) is TorchSharp's own: a saved state loads into either.</summary>
    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void SavedStateLoadsIntoTorchSharpsOptimizer(string kind)
    {
        using var data = ToyTask.Data();
        using var model = ToyTask.Net(5);
        var options = kind == "adam" ? OptimizerOptions.Adam(0.01) : OptimizerOptions.Sgd(0.1, 0.9, true);
        using var ours = Optimizers.Create(options, model.parameters());
        (Tensor, Tensor) Batch(int s) => (data.Inputs.narrow(0, 32 * s, 32), data.Labels.narrow(0, 32 * s, 32));
        for (var s = 0; s < 3; s++)
        {
            var (x, y) = Batch(s);
            Step(model, ours, x, y, reference: false);
        }
        var state = Optimizers.Save(ours);
        using var copy = ToyTask.Net(6);
        using (no_grad())
            foreach (var (name, t) in copy.state_dict()) t.copy_(model.state_dict()[name]);
        using var theirs = kind == "adam" ? TorchSharpReference.Adam(copy.parameters(), 0.01, 0.9, 0.999) : TorchSharpReference.Sgd(copy.parameters(), 0.1, 0.9, true);
        Optimizers.Load(theirs, state);
        for (var s = 3; s < 6; s++)
        {
            var (x, y) = Batch(s);
            Step(model, ours, x, y, reference: false);
            Step(copy, theirs, x, y, reference: true);
        }
        Assert.True(ToyTask.SameWeights(model, copy), $"{kind}: weights differ after resuming in TorchSharp's optimizer");
    }
}
