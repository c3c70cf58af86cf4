namespace Reproduce.Core.Training;

/// <summary>Names of the phases of a training run.</summary>
public static class TrainingPhases
{
    /// <summary>ADV's pre-training on the random-label copy.</summary>
    public const string Pretrain = "pretrain";

    /// <summary>Training on the clean train set (every algorithm).</summary>
    public const string Train = "train";
}
