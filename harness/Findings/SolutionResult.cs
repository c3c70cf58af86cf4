namespace Reproduce.Harness.Findings;

/// <summary>One trained solution as its train manifest records it (docs/stages.md, <c>train</c>).</summary>
/// <param name="Name">Solution name, <c>&lt;algorithm&gt;-s&lt;seed&gt;</c>.</param>
/// <param name="Algorithm">Training algorithm (sgd, rsgd, adv).</param>
/// <param name="Seed">Seed.</param>
/// <param name="TrainError">0-1 train error at the end of training.</param>
/// <param name="TestError">0-1 test error.</param>
/// <param name="Converged">True when the train error reached <paramref name="MaxTrainError"/>.</param>
/// <param name="MaxTrainError">The spec's threshold.</param>
/// <param name="Epochs">Epochs run.</param>
/// <param name="EpochCap">Epoch cap.</param>
/// <param name="TrainSeconds">Training wall time, seconds.</param>
/// <param name="Arch">The architecture's written form (<c>mlp:784,500,500,10</c>; "" when the manifest lacks it).</param>
/// <param name="TestSamples">Test samples the test error was measured on (<c>test_samples</c>; 0 when not stored).</param>
public sealed record SolutionResult(string Name, string Algorithm, int Seed, double TrainError, double TestError, bool Converged,
    double MaxTrainError, int Epochs, int EpochCap, double TrainSeconds, string Arch = "", int TestSamples = 0);
