namespace Reproduce.Harness.Specs;

/// <summary>
/// Every default of a spec, in one place. (R) marks a value the paper's copy lost and METHOD.md reconstructs;
/// specs/README.md says the same for each field.
/// </summary>
public static class SpecDefaults
{
    /// <summary>Profiles a spec may define.</summary>
    public static readonly IReadOnlyList<string> Profiles = ["smoke", "quick", "paper"];

    /// <summary>Data sets the data stage knows.</summary>
    public static readonly IReadOnlyList<string> Datasets = ["mnist", "fashion-mnist", "cifar10", "mnist-parity", "hmm"];

    /// <summary>Architectures (the names of <c>Reproduce.Core.Models.Architecture</c>).</summary>
    public static readonly IReadOnlyList<string> Architectures = ["mlp", "lenet", "vgg16bn", "binary-mlp", "binary-conv", "perceptron", "committee"];

    /// <summary>The binary architectures (sign weights; SGD without momentum by default; latent weights clipped to [−1, 1]).</summary>
    public static readonly IReadOnlyList<string> BinaryArchitectures = ["binary-mlp", "binary-conv", "perceptron", "committee"];

    /// <summary>Training algorithms (METHOD.md §6).</summary>
    public static readonly IReadOnlyList<string> Algorithms = ["sgd", "rsgd", "adv"];

    /// <summary>Update rules.</summary>
    public static readonly IReadOnlyList<string> Optimizers = ["sgd", "adam"];

    /// <summary>The learning-rate schedules: cosine (continuous nets' default), constant (binary nets' default) and step (decay by a factor every few epochs).</summary>
    public static readonly IReadOnlyList<string> Schedules = ["cosine", "constant", "step"];

    /// <summary>Step schedule: the factor of each decay (R: the paper's binary conv net multiplies its rate "by a factor every few epochs"; ADV halves it).</summary>
    public const double LearningRateDecayFactor = 0.5;

    /// <summary>Step schedule: epochs between decays (R).</summary>
    public const int LearningRateDecayEvery = 10;

    /// <summary>Devices.</summary>
    public static readonly IReadOnlyList<string> Devices = ["cpu", "cuda", "auto"];

    /// <summary>MLP hidden widths (R): two hidden layers of 500.</summary>
    public static readonly IReadOnlyList<int> MlpHidden = [500, 500];

    /// <summary>Binary MLP hidden widths (R: 2 hidden layers; odd widths keep sign pre-activations off 0).</summary>
    public static readonly IReadOnlyList<int> BinaryMlpHidden = [501, 501];

    /// <summary>LeNet-like conv filters (R: conv 32 5×5, conv 64 5×5).</summary>
    public static readonly IReadOnlyList<int> LeNetChannels = [32, 64];

    /// <summary>LeNet-like fc width (R: 128).</summary>
    public static readonly IReadOnlyList<int> LeNetHidden = [128];

    /// <summary>Binary conv net filters (R).</summary>
    public static readonly IReadOnlyList<int> BinaryConvChannels = [32, 64];

    /// <summary>Binary conv net hidden fc widths (R).</summary>
    public static readonly IReadOnlyList<int> BinaryConvHidden = [501];

    /// <summary>Committee machine hidden units K (R: 7).</summary>
    public const int CommitteeK = 7;

    /// <summary>VGG16-BN channel divisor (1: the paper's widths).</summary>
    public const int VggWidthDivisor = 1;

    /// <summary>One solution per seed and algorithm (R: 3 solutions).</summary>
    public static readonly IReadOnlyList<int> Seeds = [1, 2, 3];

    /// <summary>SGD initial learning rate (R).</summary>
    public const double LearningRate = 0.05;

    /// <summary>Nesterov momentum coefficient (paper: 0.9); ADV's clean phase uses vanilla SGD (momentum 0).</summary>
    public const double Momentum = 0.9;

    /// <summary>
    /// SGD's learning rate for the binary nets, no momentum, constant (R: App. B gives "SGD without momentum, fixed lr" for the
    /// HMM nets and parity MLPs). The latent weights' gradients are small (pre-activations are divided by √fan_in): measured
    /// on 2 seeds × 3 algorithms, the parity MLP 784-101-101-1 (1,000 images) reached 0 train error in 48-87 epochs at 1, and
    /// stopped at 4-7.5% after 100 epochs at 0.1 and 18% at 0.01; the committee machine (HMM N = 800) took 11-22 epochs at
    /// 1, 49-106 at 0.1, and missed 300 at 0.01.
    /// </summary>
    public const double BinarySgdLearningRate = 1.0;

    /// <summary>ADV pre-training learning rate of the binary nets, SGD without momentum (R: as their SGD).</summary>
    public const double BinaryAdvPretrainLr = 1.0;

    /// <summary>Adam's initial learning rate for the binary nets (R).</summary>
    public const double AdamLearningRate = 0.001;

    /// <summary>Adam's decays (PyTorch's defaults).</summary>
    public const double AdamBeta1 = 0.9, AdamBeta2 = 0.999;

    /// <summary>RSGD replicas y (R: 3).</summary>
    public const int Replicas = 3;

    /// <summary>RSGD coupling growth over the epoch cap, γ_E/γ₀ (R: 1e4).</summary>
    public const double GammaMax = 1e4;

    /// <summary>ADV: fraction of input values zeroed in the random-label copy (R: 0.1).</summary>
    public const double AdvZeta = 0.1;

    /// <summary>ADV pre-training learning rate, SGD without momentum (R: 0.1).</summary>
    public const double AdvPretrainLr = 0.1;

    /// <summary>ADV pre-training epoch cap (R).</summary>
    public const int AdvPretrainEpochs = 100;

    /// <summary>ADV pre-training stops at this error on the random-label copy (R: "~100% accuracy").</summary>
    public const double AdvPretrainMaxError = 0.01;

    /// <summary>Minibatch size (paper: 128).</summary>
    public const int BatchSize = 128;

    /// <summary>Epoch cap (R).</summary>
    public const int Epochs = 30;

    /// <summary>Train-error threshold (R: 0.1% on full data sets).</summary>
    public const double MaxTrainError = 0.001;

    /// <summary>HMM latent dimension (R: D = 100).</summary>
    public const int HmmD = 100;

    /// <summary>HMM input dimension (R: N varied 100…3200; default 400).</summary>
    public const int HmmN = 400;

    /// <summary>HMM test patterns.</summary>
    public const int HmmTestSize = 10000;

    /// <summary>Local energy σ grid (R): 0, 0.05, …, 0.5.</summary>
    public static readonly IReadOnlyList<double> Sigmas = Enumerable.Range(0, 11).Select(i => Math.Round(0.05 * i, 2)).ToList();

    /// <summary>Local energy flip-fraction grid (R): 0, 0.01, …, 0.2.</summary>
    public static readonly IReadOnlyList<double> FlipFractions = Enumerable.Range(0, 21).Select(i => Math.Round(0.01 * i, 2)).ToList();

    /// <summary>Noise draws per σ or p (R).</summary>
    public const int Draws = 10;

    /// <summary>Points along a path (R).</summary>
    public const int PathPoints = 25;

    /// <summary>Random flip orders averaged per Hamming path (R).</summary>
    public const int HammingOrders = 5;

    /// <summary>Epoch cap of an optimized path's midpoint training (R; it trains with the SGD-type solutions' own settings, METHOD.md §4).</summary>
    public const int MidpointEpochs = 20;

    /// <summary>Exact train-error checks per epoch of a midpoint's training (ours: it stops at the first that reaches the threshold).</summary>
    public const int MidpointChecksPerEpoch = 4;

    /// <summary>Binary nets: independent midpoints averaged per optimized path (R: App. B averages "over independent choices of the middle point").</summary>
    public const int Midpoints = 3;

    /// <summary>Grid values per axis of a 2-D section (R).</summary>
    public const int PlaneResolution = 21;

    /// <summary>Margin of a 2-D section's grid beyond its three networks, as a fraction of their range (R).</summary>
    public const double PlaneMargin = 0.25;

    /// <summary>Normalization: the rule that sets each hidden unit's incoming norm r_l to sqrt(its fan-in) (R), the default of <c>hidden_norm</c>.</summary>
    public const string HiddenNormRule = "sqrt(fan_in)";

    /// <summary>Normalization: the rule that sets the last layer's norm r_L to sqrt(its number of weights) (R), the default of <c>output_norm</c>.</summary>
    public const string OutputNormRule = "sqrt(weights)";

    /// <summary>Normalization: the largest target norm a spec may ask for (a bound against typos, far above sqrt(fan_in) of any net here).</summary>
    public const double MaxNorm = 1e6;

    /// <summary>Findings: the smallest tolerance on 0-1 errors, ΔE and barriers (ours: one sample in 1,000, the smallest probe set of the profiles).</summary>
    public const double FindingsErrorFloor = 0.001;

    /// <summary>Findings: a comparison's tolerance as a fraction of the larger of the two means compared (ours).</summary>
    public const double FindingsRelativeTolerance = 0.05;

    /// <summary>Findings: a difference within this many standard errors of the difference of two means is inconclusive (ours: about 95%).</summary>
    public const double FindingsSpreadStandardErrors = 2;

    /// <summary>Findings: converged inputs each group (an algorithm's solutions, a pair type's paths) needs to be judged.</summary>
    public const int FindingsMinConverged = 1;

    /// <summary>Findings: "stays close" / "changes little" as a fraction of the larger barrier (ours; the paper: "large variations are not expected").</summary>
    public const double FindingsCloseRelative = 0.5;

    /// <summary>Findings: a barrier at most this high counts as (near-)zero, F7 (R).</summary>
    public const double FindingsZeroBarrier = 0.01;

    /// <summary>Findings: F9's smallest move of an optimized midpoint toward the flatter end, as a fraction of d(A,M) + d(M,B) (R).</summary>
    public const double FindingsMidpointShift = 0.02;

    /// <summary>Findings: F3 holds when the rank correlation exceeds this.</summary>
    public const double FindingsMinRankCorrelation = 0.0;

    /// <summary>Findings: σ* where local energies are compared (R).</summary>
    public const double FindingsSigmaStar = 0.25;

    /// <summary>Findings: p* where binary local energies are compared (R).</summary>
    public const double FindingsFlipStar = 0.05;

    /// <summary>Findings: I1 tolerance on a self-alignment distance (float rounding).</summary>
    public const double FindingsInvarianceTolerance = 1e-5;
}
