namespace Reproduce.Harness.Findings;

/// <summary>The inputs a finding read: how many converged ones it used and how many unconverged ones it left out.</summary>
/// <param name="What">What was counted (solutions, local energies, paths, optimized paths, distances, checks).</param>
/// <param name="Used">Converged inputs the verdict rests on.</param>
/// <param name="LeftOut">Inputs of the same kind left out because a solution or midpoint did not reach its threshold.</param>
public sealed record FindingInputs(string What, int Used, int LeftOut)
{
    /// <summary>No inputs.</summary>
    public static FindingInputs None(string what) => new(what, 0, 0);

    /// <summary>"6 of 9 paths" (or "6 paths" when none was left out).</summary>
    public override string ToString() => LeftOut == 0 ? $"{Used} {What}" : $"{Used} of {Used + LeftOut} {What}";
}
