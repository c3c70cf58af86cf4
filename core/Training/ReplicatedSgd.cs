using Reproduce.Core.Numerics;
using System.Diagnostics;
using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>
/// Replicated SGD (Pittorino et al., ICLR 2021; METHOD.md §6). y replicas w_a, each with its own initialization, optimizer
/// and minibatch order, minimize L(w_a) + γ_t·‖w_a − w_c‖², with the center w_c = (1/y)·Σ_a w_a (not trained). Each step,
/// all replicas in lockstep: an optimizer step on the data loss of the replica's minibatch, then the coupling's step taken
/// implicitly (proximal): w_a ← w_c + (w_a − w_c) / (1 + 2ηγ), with η the step's learning rate and w_c the center after the
/// data steps (the center is unchanged by it). For small ηγ this is the explicit gradient step −η·2γ(w_a − w_c); unlike
/// it, it stays stable when γ has grown by <see cref="ReplicaOptions.GammaMax"/> (an explicit step diverges once ηγ &gt; 1,
/// and with momentum much earlier). γ_t = γ₀·(1 + γ₁)^t in epoch t = 1..E, γ₁ = GammaMax^(1/E) − 1, so the last epoch
/// of the cap couples with γ₀·GammaMax (METHOD.md §6), and γ₀ = L̄₀ / D̄₀ so the coupling equals the data loss at the start (L̄₀: mean data loss of the
/// replicas on the train set, D̄₀: mean ‖w_a − w_c‖² over replicas, both at initialization). The coupling acts on the
/// parameters (not on BN buffers). The solution is the center, a network whose parameters are the replicas' mean; a
/// batch-norm center gets the running statistics of its own weights, recomputed on the train set before it is evaluated
/// (the mean of the replicas' statistics is not that); its train error decides convergence like any other solution's.
/// </summary>
public sealed class ReplicatedSgd : TrainingRun
{
    private readonly nn.Module<Tensor, Tensor>[] replicas;
    private readonly optim.Optimizer[] optimizers;
    private readonly Generator[] generators;
    private readonly nn.Module<Tensor, Tensor> center;
    private readonly ReplicaOptions replicaOptions;

    /// <summary>
    /// Builds y replicas with <paramref name="create"/>, which initializes a network from the generator it is given:
    /// replica a from <see cref="DefaultInitialization.GeneratorFor"/>(seed, a), the center from (seed, y) (its state is
    /// then the replicas' mean). Replica 0 thus starts where SGD of the same seed starts. γ₀ from their initial state.
    /// </summary>
    public ReplicatedSgd(Func<Generator, nn.Module<Tensor, Tensor>> create, Dataset train, TrainOptions options, ReplicaOptions replicaOptions)
        : base(train, options)
    {
        if (replicaOptions.Replicas < 2) throw new ArgumentException("RSGD needs at least 2 replicas", nameof(replicaOptions));
        this.replicaOptions = replicaOptions;
        replicas = Enumerable.Range(0, replicaOptions.Replicas).Select(a => Initialized(create, options.Seed, a)).ToArray();
        center = Initialized(create, options.Seed, replicaOptions.Replicas);
        optimizers = replicas.Select(r => Optimizers.Create(options.Optimizer, r.parameters())).ToArray();
        // Replica 0 uses the base generator; the others theirs, seeded apart so no two share a minibatch order.
        generators = [Generator, .. Enumerable.Range(1, replicas.Length - 1).Select(a => new Generator((ulong)(options.Seed + 1_000_003L * a)))];
        UpdateCenter();
        var loss = replicas.Average(r => MinibatchStep.MeanLoss(r, train));
        var distance = MeanSquaredDistance();
        // Replicas built alike differ from their mean by float rounding only (‖w_a − w_c‖² ~ 1e-14·‖w_c‖²): γ₀ would be huge
        // and meaningless. 1e-8 relative is far below the distance of two independent initializations (~2·‖w_c‖²).
        if (!(distance > 1e-8 * CenterSquaredNorm()))
            throw new ArgumentException($"RSGD: the {replicas.Length} replicas start at the same weights (mean squared distance to the center " +
                $"{distance}), so γ₀ = L̄₀/D̄₀ is undefined; each replica must be initialized from its own generator", nameof(create));
        Gamma0 = loss / distance;
        if (!double.IsFinite(Gamma0))
            throw new ArgumentException($"RSGD: γ₀ = L̄₀/D̄₀ = {loss}/{distance} is not finite (the initial loss is not a number?)", nameof(train));
    }

    private static nn.Module<Tensor, Tensor> Initialized(Func<Generator, nn.Module<Tensor, Tensor>> create, long seed, int network)
    {
        using var g = DefaultInitialization.GeneratorFor(seed, network);
        return create(g);
    }

    /// <inheritdoc />
    public override string Algorithm => "rsgd";

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Solution => center;

    /// <summary>The replicas (read-only use).</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Replicas => replicas;

    /// <summary>γ₀, fixed at the start.</summary>
    public double InitialGamma => Gamma0;

    /// <summary>γ of epoch t = 1..E: γ₀·(1 + γ₁)^t with γ₁ = GammaMax^(1/E) − 1, so γ_E = γ₀·GammaMax.</summary>
    public double GammaAt(int t) => Gamma0 * Math.Pow(1 + (Math.Pow(replicaOptions.GammaMax, 1.0 / Options.Epochs) - 1), t);

    /// <summary>Mean over replicas of ‖w_a − w_c‖ (parameters only), with w_c the current center.</summary>
    public double MeanDistanceToCenter()
    {
        using var scope = NewDisposeScope();
        var centers = CenterParameters();
        return replicas.Average(r => Math.Sqrt(SquaredDistance(r, centers).to_type(ScalarType.Float64).item<double>()));
    }

    /// <inheritdoc />
    protected override EpochReport RunEpoch()
    {
        var clock = Stopwatch.StartNew();
        var epoch = CleanEpochs + 1;
        var gamma = GammaAt(epoch);
        var n = Train.Count;
        var total = (long)Options.Epochs * StepsPerEpoch;
        var step = (long)(epoch - 1) * StepsPerEpoch;
        var lr = Options.Optimizer.LearningRate;
        double loss, running;
        using (var scope = NewDisposeScope())
        {
            foreach (var r in replicas) r.train();
            var orders = generators.Select(g => randperm(n, generator: g).to(Train.Inputs.device)).ToArray();
            var lossSum = zeros(1, ScalarType.Float64);
            var wrong = zeros(1, ScalarType.Int64);
            for (long start = 0; start < n; start += Options.BatchSize, step++)
            {
                using var inner = NewDisposeScope();
                lr = Options.Optimizer.LearningRateAt(step, total, StepsPerEpoch);
                var count = Math.Min(Options.BatchSize, n - start);
                for (var a = 0; a < replicas.Length; a++)
                {
                    Optimizers.SetLearningRate(optimizers[a], lr);
                    var (xb, yb) = MinibatchStep.Gather(Train, orders[a], start, count);
                    MinibatchStep.Take(replicas[a], optimizers[a], xb, yb, null, Options.ClipLatentWeights, lossSum, wrong);
                }
                var keep = 1 / (1 + 2 * lr * gamma);
                if (!double.IsFinite(keep) || keep < 0)
                    throw new InvalidOperationException($"RSGD: epoch {epoch}: coupling factor 1/(1 + 2ηγ) = {keep} with η = {lr}, γ = {gamma}");
                Couple(keep);
            }
            loss = lossSum.item<double>() / n / replicas.Length;
            running = wrong.item<long>() / (double)n / replicas.Length;
        }
        UpdateCenter();
        var exact = CheckConvergence(running, epoch);
        return new EpochReport(epoch, Options.Epochs, loss, running, exact, lr, clock.Elapsed.TotalSeconds,
            Gamma: gamma, ReplicaDistance: MeanDistanceToCenter());
    }

    /// <summary>w_a ← w_c + (w_a − w_c)·<paramref name="keep"/> for every replica and parameter (w_c: their mean).</summary>
    private void Couple(double keep)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Explicit Scalars, alive until the loop ends. TorchSharp 0.107 turns the 1 of add_ and the factor of mul_ into
        // Scalars nothing holds once their handle is read: a garbage collection started by another thread (another stage
        // under --jobs) can run their finalizer while libtorch still reads them, which showed as a crash in add_ ("value
        // cannot be converted to type float without overflow") with --jobs 2.
        using var one = 1.ToScalar();
        using var minusOne = (-1).ToScalar();
        using var factor = keep.ToScalar();
        var centers = CenterParameters();
        foreach (var r in replicas)
        {
            var ps = r.parameters().ToArray();
            for (var j = 0; j < ps.Length; j++) ps[j].add_(centers[j], minusOne).mul_(factor).add_(centers[j], one);
        }
    }

    /// <summary>The center's parameters (detached means), in parameter order.</summary>
    private Tensor[] CenterParameters()
    {
        using var noGrad = no_grad();
        var perReplica = replicas.Select(r => r.parameters().ToArray()).ToArray();
        return Enumerable.Range(0, perReplica[0].Length)
            .Select(j => stack(perReplica.Select(p => (Tensor)p[j]).ToArray()).mean([0L])).ToArray();
    }

    /// <summary>Σ_j ‖p_j − c_j‖² over the parameters of <paramref name="replica"/>.</summary>
    private static Tensor SquaredDistance(nn.Module<Tensor, Tensor> replica, Tensor[] centers)
    {
        var ps = replica.parameters().ToArray();
        var sum = ps[0].sub(centers[0]).pow(Scalars.Two).sum();
        for (var j = 1; j < ps.Length; j++) sum = sum.add(ps[j].sub(centers[j]).pow(Scalars.Two).sum(), Scalars.One);
        return sum;
    }

    private double CenterSquaredNorm()
    {
        using var scope = NewDisposeScope();
        return CenterParameters().Sum(c => c.pow(Scalars.Two).sum().to_type(ScalarType.Float64).item<double>());
    }

    private double MeanSquaredDistance()
    {
        using var scope = NewDisposeScope();
        var centers = CenterParameters();
        return replicas.Average(r => SquaredDistance(r, centers).to_type(ScalarType.Float64).item<double>());
    }

    /// <inheritdoc />
    protected override void BeforeEvaluatingSolution() => BatchNormStatistics.Recompute(center, Train, Evaluator.DefaultBatch);

    /// <summary>Sets every floating state entry of the center to the replicas' mean (integer buffers: replica 0's).</summary>
    private void UpdateCenter()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var dicts = replicas.Select(r => r.state_dict()).ToArray();
        foreach (var (name, t) in center.state_dict())
        {
            if (t.is_floating_point()) t.copy_(stack(dicts.Select(d => d[name]).ToArray()).mean([0L]));
            else t.copy_(dicts[0][name]);
        }
    }

    /// <inheritdoc />
    protected override void CaptureInto(Dictionary<string, Tensor> tensors, Dictionary<string, byte[]> optimizers)
    {
        for (var a = 0; a < replicas.Length; a++)
        {
            Put(tensors, $"replica{a}", replicas[a]);
            optimizers[$"replica{a}"] = Optimizers.Save(this.optimizers[a]);
            if (a > 0) tensors[$"generator.replica{a}"] = generators[a].get_state();
        }
    }

    /// <inheritdoc />
    protected override void RestoreFrom(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, byte[]> optimizers)
    {
        for (var a = 0; a < replicas.Length; a++)
        {
            Take(tensors, $"replica{a}", replicas[a]);
            Optimizers.Load(this.optimizers[a], optimizers[$"replica{a}"]);
            if (a > 0) generators[a].set_state(tensors[$"generator.replica{a}"]);
        }
        UpdateCenter();
        // A run checkpointed after its last epoch is kept as it was evaluated then: with its own BN statistics.
        if (Finished) BeforeEvaluatingSolution();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var o in optimizers) o.Dispose();
            foreach (var r in replicas) r.Dispose();
            foreach (var g in generators.Skip(1)) g.Dispose();
            center.Dispose();
        }
        base.Dispose(disposing);
    }
}
