namespace Reproduce.Core.Probes;

/// <summary>The local energy curve of one network (METHOD.md §5).</summary>
/// <param name="Noise"><c>multiplicative-gaussian</c> (levels are σ) or <c>sign-flip</c> (levels are fractions p).</param>
/// <param name="Levels">The noise levels, in the order given.</param>
/// <param name="Mean">Mean over draws of ΔE = Err_train(perturbed) − Err_train(w), per level.</param>
/// <param name="Std">Standard deviation over draws (population, 0 for one draw), per level.</param>
/// <param name="Draws">Draws per level.</param>
/// <param name="TrainError">Err_train(w) on the evaluator's train samples.</param>
public sealed record LocalEnergyResult(string Noise, IReadOnlyList<double> Levels, IReadOnlyList<double> Mean, IReadOnlyList<double> Std,
    int Draws, double TrainError);
