using Reproduce.Core.Training;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Training;

public class OptimizersTests
{
    /// <summary>Ten steps of each on the toy task from the same weights, with a learning rate changed midway: exact equality.</summary>
    [Theory]
    [InlineData(0.9, true)]
    [InlineData(0.9, false)]
    [InlineData(0.0, false)]
    public void StepsMatchTorchSharpSgdBitForBit(double momentum, bool nesterov)
    {
        using var data = ToyTask.Data();
        using var reference = ToyTask.Net(5);
        using var model = ToyTask.Net(5);
        using var sgd = optim.SGD(reference.parameters(), 0.1, momentum, 0, 0, nesterov);
        using var inPlace = Optimizers.Create(OptimizerOptions.Sgd(0.1, momentum, nesterov), model.parameters());
        for (var step = 0; step < 10; step++)
        {
            if (step == 5)
            {
                Optimizers.SetLearningRate(sgd, 0.03);
                Optimizers.SetLearningRate(inPlace, 0.03);
            }
            foreach (var (net, opt) in new (nn.Module<Tensor, Tensor>, optim.Optimizer)[] { (reference, sgd), (model, inPlace) })
            {
                using var scope = NewDisposeScope();
                opt.zero_grad();
                nn.functional.cross_entropy(net.call(data.Inputs.narrow(0, 32 * step % 256, 32)), data.Labels.narrow(0, 32 * step % 256, 32)).backward();
                opt.step();
            }
        }
        Assert.True(ToyTask.SameWeights(reference, model), "weights differ after 10 steps");
    }

    /// <summary>The momentum buffers are TorchSharp SGD's own, so a saved state loads into either and the steps stay equal.</summary>
    [Fact]
    public void SavedStateLoadsIntoTorchSharpSgd()
    {
        using var data = ToyTask.Data();
        using var model = ToyTask.Net(5);
        using var inPlace = Optimizers.Create(OptimizerOptions.Sgd(0.1, 0.9, true), model.parameters());
        void Step(nn.Module<Tensor, Tensor> net, optim.Optimizer opt, int s)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            nn.functional.cross_entropy(net.call(data.Inputs.narrow(0, 32 * s, 32)), data.Labels.narrow(0, 32 * s, 32)).backward();
            opt.step();
        }
        for (var s = 0; s < 3; s++) Step(model, inPlace, s);
        var state = Optimizers.Save(inPlace);
        using var copy = ToyTask.Net(6);
        using (no_grad())
            foreach (var (name, t) in copy.state_dict()) t.copy_(model.state_dict()[name]);
        using var sgd = optim.SGD(copy.parameters(), 0.1, 0.9, 0, 0, true);
        Optimizers.Load(sgd, state);
        for (var s = 3; s < 6; s++)
        {
            Step(model, inPlace, s);
            Step(copy, sgd, s);
        }
        Assert.True(ToyTask.SameWeights(model, copy), "weights differ after resuming in TorchSharp's SGD");
    }
}
