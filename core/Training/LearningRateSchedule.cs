namespace Reproduce.Core.Training;

/// <summary>How the learning rate moves over a training phase.</summary>
public enum LearningRateSchedule
{
    /// <summary>Step s of S gets η₀·½(1 + cos(π s / S)): from η₀ to 0 over the epoch cap, per step.</summary>
    Cosine,
    /// <summary>η₀ at every step.</summary>
    Constant,
    /// <summary>
    /// Step decay (the paper's binary conv net, App. B): η₀ multiplied by <see cref="StepDecay.Factor"/> at epoch
    /// <see cref="StepDecay.First"/> and then every <see cref="StepDecay.Every"/> epochs (epochs counted from 0).
    /// </summary>
    Step,
}
