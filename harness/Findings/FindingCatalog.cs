namespace Reproduce.Harness.Findings;

/// <summary>The paper's findings in the paper's order (METHOD.md §8): id, claim and the figure that shows it.</summary>
public static class FindingCatalog
{
    /// <summary>Ids in the paper's order: F1 … F11, then I1.</summary>
    public static readonly IReadOnlyList<string> Ids = ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "I1"];

    private static readonly Dictionary<string, (string Title, string Figure)> Entries = new()
    {
        ["F1"] = ("Flatness ranking: mean ΔE(σ) of RSGD < SGD < ADV at every σ > 0", "Fig. 1"),
        ["F2"] = ("Generalization ranking: test error RSGD < SGD < ADV", "Fig. 1"),
        ["F3"] = ("Flatness predicts generalization: rank correlation of ΔE(σ*) and test error > 0", "Fig. 1"),
        ["F4"] = ("Removing the permutation symmetry lowers barriers: linear-aligned < linear per pair type; geodesic-aligned stays close to linear-aligned", "Fig. 2"),
        ["F5"] = ("Barrier ranking on geodesic-aligned paths: RSGD-RSGD lowest, ADV-ADV highest, mixed pairs between", "Fig. 2"),
        ["F6"] = ("Geodesics between solutions of different flatness are flatter on the flatter side (interior points)", "Fig. 2"),
        ["F7"] = ("Optimized aligned paths have (near-)zero barriers, lower than unaligned optimized ones", "Fig. 3"),
        ["F8"] = ("After normalization and alignment flatter solutions are closer: d(RSGD,RSGD) < d(SGD,SGD) < d(ADV,ADV)", "Fig. 5"),
        ["F9"] = ("Optimized midpoints move toward the flatter endpoint", "Fig. 5"),
        ["F10"] = ("Binary HMM: as N grows ΔE falls with the flatness ranking RSGD < SGD < ADV kept, test error follows flatness, random-path barriers fall, alignment changes them little", "Figs. 6, 18"),
        ["F11"] = ("Deep binary nets: aligned barriers < unaligned, optimized < aligned", "Fig. 7"),
        ["I1"] = ("Invariances are exact: normalization changes no prediction; a permuted/rescaled/sign-flipped copy aligns back to distance 0", "§3, Algs. 1-2"),
    };

    private static readonly Dictionary<string, string> Shorts = new()
    {
        ["F1"] = "flatness ranking", ["F2"] = "test error ranking", ["F3"] = "flatness predicts test error", ["F4"] = "alignment lowers barriers",
        ["F5"] = "barrier ranking", ["F6"] = "flatter side is flatter", ["F7"] = "optimized paths: ~0 barrier", ["F8"] = "flatter ones are closer",
        ["F9"] = "midpoint moves to flatter end", ["F10"] = "binary HMM as N grows", ["F11"] = "deep binary barriers", ["I1"] = "exact invariances",
    };

    /// <summary>A few words for the findings matrix's row.</summary>
    public static string Short(string id) => Shorts.TryGetValue(id, out var s) ? s : id;

    /// <summary>What the paper claims.</summary>
    public static string Title(string id) => Entries.TryGetValue(id, out var e) ? e.Title : id;

    /// <summary>Where the paper shows it.</summary>
    public static string Figure(string id) => Entries.TryGetValue(id, out var e) ? e.Figure : "";
}
