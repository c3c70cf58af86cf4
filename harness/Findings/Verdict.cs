namespace Reproduce.Harness.Findings;

/// <summary>What the stored numbers say about a finding of the paper.</summary>
public enum Verdict
{
    /// <summary>The numbers agree with the paper, within the spec's tolerance.</summary>
    Holds,

    /// <summary>The numbers contradict the paper beyond the tolerance.</summary>
    Fails,

    /// <summary>The results the finding needs were not produced (or are too few to judge).</summary>
    NotMeasured,
}
