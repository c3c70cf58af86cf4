namespace Reproduce.Harness.Specs;

/// <summary>
/// Why an experiment's solutions are not expected to reach zero train error at its size, as its spec declares it
/// (<c>findings.underparameterized</c>, <c>findings.beyond_sgd</c>; specs/README.md, "Under-parameterized sizes" and "Sizes beyond SGD's reach"):
/// the report labels such a column and the "not measured" verdicts it gives for that reason.
/// </summary>
public enum SizeLabel
{
    /// <summary>Nothing declared: solutions are expected to converge.</summary>
    None,

    /// <summary>Below the interpolation threshold (e.g. HMM N &lt; P): no zero-error solution is expected to exist.</summary>
    Underparameterized,

    /// <summary>Zero-error solutions exist at this size, but the paper's SGD-type training does not find them within its budget.</summary>
    BeyondSgd,
}
