using Reproduce.Core.Training;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Training;

/// <summary>Capture after k epochs, restore into a freshly built run, continue: the weights equal an uninterrupted run's, bit for bit.</summary>
public class TrainingRunResumeTests
{
    private static (TrainingRun Run, IDisposable Owner) Build(string algorithm)
    {
        var data = ToyTask.Data();
        var o = new TrainOptions(OptimizerOptions.Sgd(0.05, 0.9, true), 32, 6, -1, 4);
        switch (algorithm)
        {
            case "sgd": { var m = ToyTask.Net(9); return (new Sgd(m, data, o), m); }
            case "adam": { var m = ToyTask.Net(9); return (new Sgd(m, data, o with { Optimizer = OptimizerOptions.Adam(0.01), ClipLatentWeights = true }), m); }
            case "rsgd": { var r = new ReplicatedSgd(ToyTask.Net, data, o, new ReplicaOptions(3, 100)); return (r, r); }
            default:
            {
                var m = ToyTask.Net(9);
                var adv = new AdversarialOptions(0.1, OptimizerOptions.Sgd(0.1, 0, false, LearningRateSchedule.Constant), 3, 0);
                return (new AdversarialInit(m, data, o, adv), m);
            }
        }
    }

    [Theory]
    [InlineData("sgd", 2)]
    [InlineData("adam", 2)]
    [InlineData("rsgd", 2)]
    [InlineData("adv", 2)] // stops inside the pre-training phase
    [InlineData("adv", 4)] // stops inside the clean phase
    public void RestoredRunContinuesBitIdentically(string algorithm, int stopAfter)
    {
        var (whole, o1) = Build(algorithm);
        whole.Run();

        var (first, o2) = Build(algorithm);
        for (var i = 0; i < stopAfter; i++) first.Next();
        var state = first.Capture();
        // Drift the first run on, so a restore that forgot something would show.
        first.Next();

        var (second, o3) = Build(algorithm);
        second.Restore(state);
        second.Run();
        Assert.True(ToyTask.SameWeights(whole.Solution, second.Solution), "resumed weights differ from the uninterrupted run");
        Assert.Equal(whole.History.Select(e => e.Loss), second.History.Select(e => e.Loss));
        foreach (var o in new[] { o1, o2, o3 }) o.Dispose();
        foreach (var r in new[] { whole, first, second }) r.Dispose();
    }
}
