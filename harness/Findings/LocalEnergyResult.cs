namespace Reproduce.Harness.Findings;

/// <summary><c>local_energy.json</c> of one solution: ΔE(level) = mean perturbed 0-1 train error − unperturbed train error.</summary>
/// <param name="Solution">Solution name.</param>
/// <param name="Algorithm">Its algorithm (the name before <c>-s</c>).</param>
/// <param name="Noise"><c>multiplicative-gaussian</c> (levels are σ) or <c>sign-flip</c> (levels are flip fractions p).</param>
/// <param name="Levels">σ or p, ascending as stored.</param>
/// <param name="Mean">Mean ΔE over draws, one per level.</param>
/// <param name="Std">Standard deviation of ΔE over draws, one per level.</param>
/// <param name="TrainError">Unperturbed train error.</param>
/// <param name="TestError">Test error.</param>
/// <param name="EvalTrainSamples">Train samples ΔE was measured on (<c>eval_train_samples</c>; 0 when not stored).</param>
public sealed record LocalEnergyResult(string Solution, string Algorithm, string Noise, IReadOnlyList<double> Levels, IReadOnlyList<double> Mean,
    IReadOnlyList<double> Std, double TrainError, double TestError, int EvalTrainSamples = 0)
{
    /// <summary>ΔE at the stored level nearest to <paramref name="level"/>.</summary>
    public double At(double level)
    {
        var best = 0;
        for (var i = 1; i < Levels.Count; i++)
            if (Math.Abs(Levels[i] - level) < Math.Abs(Levels[best] - level)) best = i;
        return Mean[best];
    }
}
