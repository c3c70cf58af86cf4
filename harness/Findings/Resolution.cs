using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Findings;

/// <summary>
/// The resolution of a 0-1 error measured on n samples is 1/n: a difference below one sample is no order. The spec's
/// <c>error_floor</c> is raised to it where the stored results record n (<c>eval_train_samples</c> of local energies and
/// paths for ΔE and barriers, <c>test_samples</c> of train manifests for test errors), taking the coarsest set.
/// </summary>
public static class Resolution
{
    /// <summary><paramref name="spec"/> with its error floor raised to 1/n of the smallest probe train set in <paramref name="results"/>.</summary>
    public static FindingsSpec Train(FindingsSpec spec, IEnumerable<ExperimentResults> results)
    {
        var n = results.SelectMany(r => r.LocalEnergies.Select(e => e.EvalTrainSamples).Concat(r.Paths.Select(p => p.EvalTrainSamples))).Where(x => x > 0).DefaultIfEmpty(0).Min();
        return Raise(spec, n);
    }

    /// <summary><paramref name="spec"/> with its error floor raised to 1/n of the smallest test set of the solutions in <paramref name="r"/>.</summary>
    public static FindingsSpec Test(FindingsSpec spec, ExperimentResults r) => Raise(spec, r.Solutions.Select(s => s.TestSamples).Where(x => x > 0).DefaultIfEmpty(0).Min());

    private static FindingsSpec Raise(FindingsSpec spec, int n) => n > 0 && 1.0 / n > spec.ErrorFloor ? spec with { ErrorFloor = 1.0 / n } : spec;
}
