using Reproduce.Core.Data;
using Reproduce.Core.Models;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// Evaluates many state dicts of one architecture fast: one module instance whose parameters and buffers are
/// overwritten in place for each point (no module or parameter allocation per point), errors through
/// <see cref="Evaluator.ErrorRate"/> in large batches. For batch-norm nets the running statistics of a point can be
/// recomputed on the train subset before it is evaluated (METHOD.md §4; <see cref="RecomputeBatchNorm"/>).
/// </summary>
public sealed class NetworkEvaluator : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> module;
    private readonly Dictionary<string, Tensor> state;
    private readonly List<TorchSharp.Modules.BatchNorm> batchNorms;
    private readonly Architecture? architecture;
    private readonly Action<nn.Module<Tensor, Tensor>, Dataset, int>? recomputeStatistics;

    /// <summary>The architecture evaluated; an error for an evaluator made over a module (a user's own network).</summary>
    public Architecture Architecture => architecture ?? throw new InvalidOperationException($"{Name} is a user's module, not a built-in architecture");

    /// <summary>What is evaluated: the architecture's written form, or the name given with the module.</summary>
    public string Name { get; }

    /// <summary>The module's trainable parameters (weights, biases, BN γ and β) by state-dict name, in module order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The train samples errors are measured on (a view of the first samples of the train set when subset).</summary>
    public Dataset Train { get; }

    /// <summary>The test samples (the first of the test set when subset), or null when test errors are not wanted.</summary>
    public Dataset? Test { get; }

    /// <summary>Whether each loaded point gets its BN running statistics recomputed on <see cref="Train"/>.</summary>
    public bool RecomputeBatchNorm { get; }

    /// <summary>Whether the network has batch norm at all: TorchSharp BatchNorm modules, or a recompute hook given with the module.</summary>
    public bool HasBatchNorm => batchNorms.Count > 0 || recomputeStatistics is not null;

    /// <summary>How many loaded points have had their BN running statistics recomputed (0 for nets without BN, or when
    /// <see cref="RecomputeBatchNorm"/> is off): what a probe records to show that it happened.</summary>
    public int BatchNormRecomputations { get; private set; }

    /// <summary>The module's own parameters and buffers by state-dict name (live: they hold the last loaded point).</summary>
    public IReadOnlyDictionary<string, Tensor> State => state;

    /// <summary>Batch size of every forward pass.</summary>
    public int Batch { get; }

    /// <summary>
    /// Creates the module once. <paramref name="trainSubset"/> &gt; 0 keeps the first that many train samples (a view, no copy),
    /// <paramref name="testSubset"/> likewise for the test set;
    /// <paramref name="recomputeBatchNorm"/> matters only for BN nets.
    /// </summary>
    public NetworkEvaluator(Architecture architecture, Dataset train, Dataset? test, int trainSubset = 0, bool recomputeBatchNorm = true,
        int batch = Evaluator.DefaultBatch, int testSubset = 0)
        : this(architecture.ToString(), architecture.Create(), train, test, trainSubset, recomputeBatchNorm, batch, testSubset) =>
        this.architecture = architecture;

    /// <summary>
    /// Evaluates <paramref name="module"/>, which the evaluator owns and disposes: a network that is no built-in
    /// architecture (a user's TorchScript model, say), named <paramref name="name"/> in messages. Its TorchSharp BatchNorm
    /// modules, if any, have their statistics recomputed as for a built-in net; a module whose batch norms are not
    /// TorchSharp's passes <paramref name="recomputeStatistics"/>(module, train samples, batch size), which must leave the
    /// running statistics of the loaded weights on those samples (the average of the batch statistics) and the module in eval mode.
    /// The other arguments are those of the architecture's constructor.
    /// </summary>
    public NetworkEvaluator(string name, nn.Module<Tensor, Tensor> module, Dataset train, Dataset? test, int trainSubset = 0,
        bool recomputeBatchNorm = true, int batch = Evaluator.DefaultBatch, int testSubset = 0,
        Action<nn.Module<Tensor, Tensor>, Dataset, int>? recomputeStatistics = null)
    {
        Name = name;
        this.module = module;
        this.recomputeStatistics = recomputeStatistics;
        module.eval();
        foreach (var p in module.parameters()) p.requires_grad = false;
        state = module.state_dict();
        batchNorms = module.modules().OfType<TorchSharp.Modules.BatchNorm>().ToList();
        ParameterNames = module.named_parameters().Select(p => p.name).ToList();
        Train = First(train, trainSubset);
        Test = test is null ? null : First(test, testSubset);
        RecomputeBatchNorm = recomputeBatchNorm;
        Batch = batch;
    }

    /// <summary>
    /// Copies <paramref name="sd"/> into the module's tensors in place (casting dtypes), then recomputes BN statistics when
    /// <see cref="RecomputeBatchNorm"/> is set. Every tensor of the module must be present, with its shape.
    /// </summary>
    public void Load(IReadOnlyDictionary<string, Tensor> sd)
    {
        using (no_grad())
        {
            foreach (var (name, target) in state)
            {
                if (!sd.TryGetValue(name, out var source)) throw new KeyNotFoundException($"state dict has no tensor '{name}' of {Name}");
                if (!source.shape.SequenceEqual(target.shape))
                    throw new ArgumentException($"'{name}': shape [{string.Join(", ", source.shape)}], {Name} expects [{string.Join(", ", target.shape)}]");
                target.copy_(source);
            }
        }
        if (RecomputeBatchNorm && HasBatchNorm) RecomputeStatistics();
    }

    /// <summary>
    /// Loads a point that <paramref name="write"/> writes straight into the module's tensors (<see cref="State"/>, under
    /// no_grad; every tensor, in place), then recomputes BN statistics as <see cref="Load"/> does: no copy of a state dict.
    /// </summary>
    public void LoadWith(Action<IReadOnlyDictionary<string, Tensor>> write)
    {
        using (no_grad()) write(state);
        if (RecomputeBatchNorm && HasBatchNorm) RecomputeStatistics();
    }

    /// <summary>Train error (0-1, on <see cref="Train"/>) of the loaded point.</summary>
    public double TrainError() => Evaluator.ErrorRate(module, Train, Batch);

    /// <summary>Test error of the loaded point, NaN without a test set.</summary>
    public double TestError() => Test is null ? double.NaN : Evaluator.ErrorRate(module, Test, Batch);

    /// <summary>Loads <paramref name="sd"/> and returns its (train, test) errors.</summary>
    public (double Train, double Test) Evaluate(IReadOnlyDictionary<string, Tensor> sd)
    {
        Load(sd);
        return (TrainError(), TestError());
    }

    /// <summary>
    /// BN running statistics of the loaded weights: reset, then one train-mode pass over <see cref="Train"/> with momentum
    /// 1/(k+1) on batch k, which makes them the average of the batch statistics (PyTorch's momentum=None).
    /// </summary>
    private void RecomputeStatistics()
    {
        if (recomputeStatistics is not null) recomputeStatistics(module, Train, Batch);
        else BatchNormStatistics.Recompute(module, Train, Batch);
        BatchNormRecomputations++;
    }

    /// <summary>The first <paramref name="n"/> samples as views (no copy); all of them when n is 0 or at least the count.</summary>
    private static Dataset First(Dataset data, int n) =>
        n > 0 && n < data.Count
            ? data with { Name = $"{data.Name}[:{n}]", Inputs = data.Inputs.narrow(0, 0, n), Labels = data.Labels.narrow(0, 0, n) }
            : data;

    /// <summary>Disposes the module.</summary>
    public void Dispose() => module.Dispose();
}
