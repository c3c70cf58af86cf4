namespace Reproduce.Core.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">1-based epoch number within its phase.</param>
/// <param name="Epochs">Epoch cap of the phase.</param>
/// <param name="Loss">Mean data loss over the epoch's minibatches (mean over replicas for RSGD; coupling excluded).</param>
/// <param name="RunningTrainError">Error on each minibatch before its update, averaged: a cheap upper-ish estimate of the train error.</param>
/// <param name="TrainError">Exact train error of the solution after the epoch, when it was measured (else null).</param>
/// <param name="LearningRate">Learning rate at the epoch's last step.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
/// <param name="Phase"><see cref="TrainingPhases.Train"/>, or <see cref="TrainingPhases.Pretrain"/> for ADV's corrupted-copy phase.</param>
/// <param name="Gamma">RSGD: the coupling γ used in the epoch (else null).</param>
/// <param name="ReplicaDistance">RSGD: mean over replicas of ‖w_a − w_center‖ after the epoch (else null).</param>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double RunningTrainError, double? TrainError, double LearningRate,
    double Seconds, string Phase = TrainingPhases.Train, double? Gamma = null, double? ReplicaDistance = null);
