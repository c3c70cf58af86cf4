namespace Reproduce.Core.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epoch cap.</param>
/// <param name="Loss">Mean cross-entropy over the epoch's minibatches.</param>
/// <param name="RunningTrainError">Error on each minibatch before its update, averaged: a cheap upper-ish estimate of the train error.</param>
/// <param name="TrainError">Exact train error after the epoch, when it was measured (else null).</param>
/// <param name="LearningRate">Learning rate at the epoch's last step.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double RunningTrainError, double? TrainError, double LearningRate, double Seconds);
