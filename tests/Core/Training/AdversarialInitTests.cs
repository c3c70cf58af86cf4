using Reproduce.Core.Numerics;
using Reproduce.Core.Data;
using Reproduce.Core.Probes;
using Reproduce.Core.Training;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Training;

public class AdversarialInitTests
{
    [Fact]
    public void CorruptedCopyHasUniformRandomLabelsAndZetaOfItsInputsZeroed()
    {
        using var g = new Generator(3);
        using var data = new Dataset("d", randn([2000, 50], generator: g), randint(0, 10, [2000], generator: g, dtype: ScalarType.Int64), 10);
        using var copy = AdversarialInit.Corrupt(data, 0.1, 7);
        var zeroed = copy.Inputs.eq(Scalars.Zero).to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(zeroed, 0.09, 0.11); // 100,000 values: std of the fraction 0.001
        var kept = copy.Inputs.ne(Scalars.Zero);
        Assert.True(copy.Inputs.masked_select(kept).eq(data.Inputs.masked_select(kept)).all().item<bool>(), "kept values changed");
        var agree = copy.Labels.eq(data.Labels).to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(agree, 0.07, 0.13); // chance 1/10, std 0.007
        var counts = bincount(copy.Labels, minlength: 10).to_type(ScalarType.Float64);
        Assert.True(counts.min().item<double>() > 150, "labels are not spread over the classes");
        using var again = AdversarialInit.Corrupt(data, 0.1, 7);
        Assert.True(again.Labels.eq(copy.Labels).all().item<bool>() && again.Inputs.eq(copy.Inputs).all().item<bool>(), "same seed, different copy");
    }

    [Fact]
    public void PretrainingFitsTheRandomLabelsThenCleanTrainingReachesZeroError()
    {
        using var net = ToyTask.Net(2);
        using var data = ToyTask.Data();
        // An 8-16-3 net memorizes about two thirds of 256 random labels (chance: one third) in 300 epochs: target 40% error.
        var adv = new AdversarialOptions(0.1, OptimizerOptions.Sgd(0.1, 0, false, LearningRateSchedule.Constant), 300, 0.4);
        using var run = new AdversarialInit(net, data, new TrainOptions(OptimizerOptions.Sgd(0.1, 0, false), 32, 300, 0, 1), adv);
        var result = run.Run();
        Assert.True(run.PretrainEpochs >= 1);
        Assert.True(run.PretrainConverged, $"copy error {run.PretrainError:P1} after {run.PretrainEpochs} epochs");
        Assert.True(result.Converged, $"clean train error {result.TrainError:P1}");
        Assert.Equal(0, Evaluator.ErrorRate(net, data));
        Assert.Equal(result.History.Count, run.PretrainEpochs + result.EpochsRun);
    }
}
