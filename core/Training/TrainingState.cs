using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// Everything a training run needs to continue exactly where it stopped: what the harness writes as a checkpoint.
/// Tensors hold the model(s) (<c>model.*</c> or <c>replica{a}.*</c>) and generator states (<c>generator.*</c>, uint8);
/// optimizer states are TorchSharp's own serialization (<c>Optimizer.save_state_dict</c>), in memory.
/// </summary>
/// <param name="Algorithm">sgd, rsgd or adv; a state restores only into a run of the same algorithm.</param>
/// <param name="Phase">The phase the next epoch belongs to.</param>
/// <param name="Converged">Whether the solution reached the threshold.</param>
/// <param name="TrainError">Last exact train error (NaN when none was measured yet).</param>
/// <param name="Gamma0">RSGD's γ₀ (0 otherwise).</param>
/// <param name="History">Every epoch so far.</param>
/// <param name="Tensors">Named tensors (CPU copies).</param>
/// <param name="Optimizers">Serialized optimizer states by name.</param>
public sealed record TrainingState(string Algorithm, string Phase, bool Converged, double TrainError, double Gamma0,
    IReadOnlyList<EpochReport> History, IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, byte[]> Optimizers);
