using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using Reproduce.Harness.Data;

namespace Reproduce.Bench;

/// <summary>Seconds of one LeNet (paper shape) training epoch through the harness trainer, on the first images of MNIST's train set.</summary>
public static class LeNetEpoch
{
    /// <summary>
    /// One epoch on the first <paramref name="samples"/> images (Nesterov SGD 0.05/0.9, batch 128), after one warm-up epoch,
    /// scaled to 60,000 images.
    /// </summary>
    public static double Seconds(string dataDir, int samples)
    {
        using var data = DatasetLoader.Load(dataDir, new DataRequest("mnist"));
        using var part = new Dataset("mnist", data.Train.Inputs.narrow(0, 0, samples).alias(), data.Train.Labels.narrow(0, 0, samples).alias(),
            data.Train.Classes);
        using var init = DefaultInitialization.GeneratorFor(1, 0);
        using var model = Architecture.Parse("lenet").Create(init);
        using var run = new Sgd(model, part, new TrainOptions(OptimizerOptions.Sgd(0.05, 0.9, true), 128, 3, -1, 1));
        run.Next();
        return run.Next().Seconds * 60000.0 / samples;
    }
}
