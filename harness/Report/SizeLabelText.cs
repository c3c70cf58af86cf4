using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Report;

/// <summary>
/// How the report labels a column whose solutions are not expected to converge (<see cref="SizeLabel"/>): the same words in
/// the matrix header, the note under the matrix, the experiment's section and the reason of each "not measured" verdict.
/// </summary>
/// <param name="Css">The header cell's class, which shades it: <c>under</c>, <c>beyond</c>.</param>
/// <param name="Shade">How the note under the matrix names the columns' shade: "Shaded", "Blue-shaded".</param>
/// <param name="Marker">The Markdown matrix header's mark after the column label: "*", "†".</param>
/// <param name="Name">The label in lower case, as it reads inside a sentence: "under-parameterized".</param>
/// <param name="Field">The spec field that sets it: <c>findings.underparameterized</c>.</param>
/// <param name="Reason">Why, in a few words: "below the interpolation threshold".</param>
/// <param name="Expectation">What follows for the solutions: "solutions are not expected to reach zero train error".</param>
/// <param name="Note">The explanation the note under the matrix gives: "below the interpolation threshold, where solutions are
/// not expected to reach zero train error".</param>
public sealed record SizeLabelText(string Css, string Shade, string Marker, string Name, string Field, string Reason, string Expectation, string Note)
{
    /// <summary>The text of <paramref name="label"/>; null for <see cref="SizeLabel.None"/>.</summary>
    public static SizeLabelText? Of(SizeLabel label) => label switch
    {
        SizeLabel.Underparameterized => new("under", "Shaded", "*", "under-parameterized", "findings.underparameterized",
            "below the interpolation threshold", "solutions are not expected to reach zero train error",
            "below the interpolation threshold, where solutions are not expected to reach zero train error"),
        SizeLabel.BeyondSgd => new("beyond", "Blue-shaded", "†", "beyond SGD's reach", "findings.beyond_sgd",
            "zero-error solutions exist; SGD-type training does not find them at this size", "solutions are not expected to converge",
            "zero-error solutions exist at this size, but the paper's SGD-type training does not find them within its budget, so solutions " +
            "are not expected to converge and verdicts that need converged ones are not measured"),
        _ => null,
    };

    /// <summary>Every label the report may show, in the order its notes list them.</summary>
    public static IReadOnlyList<SizeLabel> Labels { get; } = [SizeLabel.Underparameterized, SizeLabel.BeyondSgd];

    /// <summary>The label as it starts a sentence or a bold heading: "Under-parameterized", "Beyond SGD's reach".</summary>
    public string Heading => char.ToUpperInvariant(Name[0]) + Name[1..];

    /// <summary>
    /// The prefix of a "not measured" verdict's reason at such a size:
    /// "under-parameterized (below the interpolation threshold, findings.underparameterized)".
    /// </summary>
    public string Cause => $"{Name} ({Reason}, {Field})";
}
