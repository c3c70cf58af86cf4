namespace Reproduce.Harness.Findings;

/// <summary>What the stored numbers say about a finding of the paper (METHOD.md §8, "How a verdict is given").</summary>
public enum Verdict
{
    /// <summary>The claimed order is there on this run's converged inputs, beyond its tolerance and the solutions' spread.</summary>
    Holds,

    /// <summary>The difference is within its tolerance or the solutions' spread: the order is not resolved at this size.</summary>
    Inconclusive,

    /// <summary>The opposite order, beyond the tolerance and the spread.</summary>
    Fails,

    /// <summary>Too few converged inputs (or none stored) to judge; the count says how many.</summary>
    NotMeasured,

    /// <summary>The check cannot fail on these inputs (both sides identical by construction, no interior point, not this kind of net).</summary>
    NotApplicable,
}
