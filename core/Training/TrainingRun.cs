using Reproduce.Core.Data;
using Reproduce.Core.Probes;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// A training run advanced one epoch at a time, so the harness can checkpoint between epochs: <see cref="Capture"/> gives
/// the whole state (weights, optimizer moments, generator states, counters, history) and <see cref="Restore"/> puts it back
/// into a freshly built run of the same settings, which then continues bit for bit as if never stopped (CPU).
/// Training goes until the solution's train error is ≤ <see cref="TrainOptions.MaxTrainError"/> or the epoch cap; a miss is
/// reported as <see cref="Converged"/> false, never hidden.
/// </summary>
public abstract class TrainingRun : IDisposable
{
    private readonly List<EpochReport> history = [];

    /// <summary>Creates the run on <paramref name="train"/>.</summary>
    protected TrainingRun(Dataset train, TrainOptions options)
    {
        if (train.Count == 0) throw new ArgumentException($"{train.Name} is empty", nameof(train));
        Train = train;
        Options = options;
        Generator = new Generator((ulong)options.Seed);
    }

    /// <summary>The clean train set.</summary>
    protected Dataset Train { get; }

    /// <summary>Shared options.</summary>
    public TrainOptions Options { get; }

    /// <summary>Minibatch order of the (first) model.</summary>
    protected Generator Generator { get; }

    /// <summary>sgd, rsgd or adv.</summary>
    public abstract string Algorithm { get; }

    /// <summary>The network that is the run's solution (for RSGD, the center of the replicas), up to date after each epoch.</summary>
    public abstract nn.Module<Tensor, Tensor> Solution { get; }

    /// <summary>The phase the next epoch belongs to.</summary>
    public string Phase { get; protected set; } = TrainingPhases.Train;

    /// <summary>Every epoch run so far (all phases).</summary>
    public IReadOnlyList<EpochReport> History => history;

    /// <summary>True once the solution's exact train error reached the threshold.</summary>
    public bool Converged { get; private set; }

    /// <summary>The last exact train error of the solution (NaN before any was measured).</summary>
    public double TrainError { get; private set; } = double.NaN;

    /// <summary>Epochs run in the clean phase.</summary>
    public int CleanEpochs => history.Count(e => e.Phase == TrainingPhases.Train);

    /// <summary>Steps per epoch on the clean set.</summary>
    protected int StepsPerEpoch => (int)((Train.Count + Options.BatchSize - 1) / Options.BatchSize);

    /// <summary>True when the threshold is reached or the clean phase hit its cap.</summary>
    public bool Finished => Converged || CleanEpochs >= Options.Epochs;

    /// <summary>Runs the next epoch and returns its report.</summary>
    public EpochReport Next()
    {
        if (Finished) throw new InvalidOperationException("the run is finished");
        var report = RunEpoch();
        history.Add(report);
        return report;
    }

    /// <summary>Runs epochs until <see cref="Finished"/>; <paramref name="onEpoch"/> sees each (and may checkpoint).</summary>
    public TrainResult Run(Action<EpochReport>? onEpoch = null, CancellationToken cancel = default)
    {
        while (!Finished)
        {
            cancel.ThrowIfCancellationRequested();
            var report = Next(); // not inside onEpoch?.Invoke(...): a null callback would skip the epoch itself
            onEpoch?.Invoke(report);
        }
        return Result();
    }

    /// <summary>The outcome so far; measures the train error once if no epoch did.</summary>
    public TrainResult Result()
    {
        if (double.IsNaN(TrainError))
        {
            BeforeEvaluatingSolution();
            TrainError = Evaluator.ErrorRate(Solution, Train);
        }
        return new TrainResult(CleanEpochs, Converged, TrainError, history.Sum(e => e.Seconds), history);
    }

    /// <summary>
    /// Brings the solution to the state in which it is evaluated and kept (RSGD: a batch-norm center's running statistics
    /// recomputed for its own weights). Called before every exact train error of the solution; nothing by default.
    /// </summary>
    protected virtual void BeforeEvaluatingSolution()
    {
    }

    /// <summary>One epoch of the current phase.</summary>
    protected abstract EpochReport RunEpoch();

    /// <summary>
    /// After a clean epoch: measures the solution's exact train error when the running estimate says the threshold may be
    /// reached, or at the cap, and records convergence. Returns the measured error (null when not measured).
    /// </summary>
    protected double? CheckConvergence(double runningError, int epoch)
    {
        if (runningError > 2 * Options.MaxTrainError && epoch < Options.Epochs) return null;
        BeforeEvaluatingSolution();
        TrainError = Evaluator.ErrorRate(Solution, Train);
        Converged = TrainError <= Options.MaxTrainError;
        return TrainError;
    }

    /// <summary>A copy of the whole state, tensors on the CPU.</summary>
    public TrainingState Capture()
    {
        var tensors = new Dictionary<string, Tensor> { ["generator.main"] = Generator.get_state() };
        var optimizers = new Dictionary<string, byte[]>();
        CaptureInto(tensors, optimizers);
        return new TrainingState(Algorithm, Phase, Converged, TrainError, Gamma0, history.ToList(), tensors, optimizers);
    }

    /// <summary>Puts a captured state back; the run must have been built with the same data and options.</summary>
    public void Restore(TrainingState state)
    {
        if (state.Algorithm != Algorithm) throw new ArgumentException($"a {state.Algorithm} state cannot restore a {Algorithm} run", nameof(state));
        Generator.set_state(state.Tensors["generator.main"]);
        Phase = state.Phase;
        Converged = state.Converged;
        TrainError = state.TrainError;
        Gamma0 = state.Gamma0;
        history.Clear();
        history.AddRange(state.History);
        RestoreFrom(state.Tensors, state.Optimizers);
    }

    /// <summary>RSGD's γ₀ (0 for the others).</summary>
    protected double Gamma0 { get; set; }

    /// <summary>Adds the subclass's models, optimizers and generators to a capture.</summary>
    protected abstract void CaptureInto(Dictionary<string, Tensor> tensors, Dictionary<string, byte[]> optimizers);

    /// <summary>Loads what <see cref="CaptureInto"/> wrote.</summary>
    protected abstract void RestoreFrom(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, byte[]> optimizers);

    /// <summary>Copies a module's state dict into <paramref name="tensors"/> under <paramref name="prefix"/> (CPU clones).</summary>
    protected static void Put(Dictionary<string, Tensor> tensors, string prefix, nn.Module model)
    {
        foreach (var (name, t) in model.state_dict())
        {
            // Each intermediate is held until clone returns: an unreferenced temporary (t.detach()) can be finalized while
            // libtorch still reads its handle, which failed a binary-conv RSGD checkpoint with "tensor does not have a device".
            using var detached = t.detach();
            using var moved = detached.device_type == TorchSharp.DeviceType.CPU ? null : detached.cpu();
            tensors[$"{prefix}.{name}"] = (moved ?? detached).clone();
        }
    }

    /// <summary>Loads the entries of <paramref name="tensors"/> under <paramref name="prefix"/> into a module, in place.</summary>
    protected static void Take(IReadOnlyDictionary<string, Tensor> tensors, string prefix, nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var (name, t) in model.state_dict())
        {
            if (!tensors.TryGetValue($"{prefix}.{name}", out var stored))
                throw new ArgumentException($"the state lacks {prefix}.{name}", nameof(tensors));
            t.copy_(stored);
        }
    }

    /// <summary>Frees the generator and the subclass's models and optimizers.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Generator.Dispose();
    }
}
