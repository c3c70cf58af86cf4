using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;
using Xunit;
using static Reproduce.Tests.Harness.Findings.Judge;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>
/// No finding reads an unconverged solution or midpoint (METHOD.md §8): adding unconverged inputs whose values would flip
/// every verdict leaves every verdict, number and comparison as it was; only the counts of what was left out change.
/// </summary>
public class EvidenceTests
{
    /// <summary>
    /// A complete experiment whose findings hold (continuous: F1-F9, I1; binary-deep: F1, F2, F4, F5, F6, F8, F11, I1): seeds 1, 2
    /// per algorithm, one pair per pair type. With <paramref name="polluted"/>, four more seeds per algorithm that did not converge,
    /// each with a local energy, test error, paths, optimized paths and distances reversing every claim, and optimized paths between
    /// converged solutions whose midpoints did not converge (or whose manifest predates midpoint_converged), reversing F7, F9, F11.
    /// </summary>
    public static ExperimentResults Full(string arch, bool polluted, int copies = 4)
    {
        var binary = !arch.StartsWith("mlp", StringComparison.Ordinal);
        var f = Fabricated.ThreeByTwo(arch);
        var (raw, aligned) = binary ? ("hamming", "hamming-aligned") : ("linear", "linear-aligned");
        var scale = new Dictionary<string, double> { ["rsgd"] = 0.1, ["sgd"] = 0.3, ["adv"] = 0.6 };
        // ΔE of the unconverged solutions per level: reversed at the first level > 0 (F1), and at σ*/p* (the third level) ranked
        // like the converged ones but against their test errors (F3: rsgd 0.9, sgd 0, adv 0 also reverse F2).
        var poison = new Dictionary<string, double[]> { ["rsgd"] = [0, 60, 0, 0], ["sgd"] = [0, 1, 30, 30], ["adv"] = [0, 0, 60, 60] };
        string Alg(string name) => name.Split("-s")[0];
        bool Poisoned(string name) => int.Parse(name.Split("-s")[1], System.Globalization.CultureInfo.InvariantCulture) > 2;
        double Scale(string name) => scale[Alg(name)] * (name.EndsWith("-s1", StringComparison.Ordinal) ? 0.95 : 1.05);
        double Flat(string name) => Poisoned(name) ? poison[Alg(name)][2] : Scale(name) * f.Levels[2]; // ΔE at σ* (p*)
        var types = PathFindingsTests.Pairs.Select(p => $"{Alg(p.A)}-{Alg(p.B)}").ToArray();
        foreach (var a in StoredRun.Algorithms)
        foreach (var seed in new[] { 1, 2 })
            f.Energy($"{a}-s{seed}", Scale($"{a}-s{seed}")).Check($"{a}-s{seed}");

        void Optimized(string a, string b, bool flip, bool converged = true, bool withMidpoint = true)
        {
            var mixed = Alg(a) != Alg(b);
            // Reversed: the midpoint moves toward the sharper end, and the aligned barrier is far from zero and above the unaligned one.
            var (am, mb) = !mixed ? (10.0, 10.0) : (Flat(a) < Flat(b)) == !flip ? (8.0, 12.0) : (12.0, 8.0);
            var barrier = flip ? 0.9 : 0.002;
            f.Optimized(aligned, a, b, barrier, am, mb, converged, withMidpoint: withMidpoint);
            if (!binary) f.Optimized("geodesic-aligned", a, b, barrier, am, mb, converged, withMidpoint: withMidpoint);
            f.Optimized(raw, a, b, flip ? 0.0 : 0.1, 10, 10, converged, withMidpoint: withMidpoint);
        }

        void Probes(string a, string b, bool flip)
        {
            var type = $"{Alg(a)}-{Alg(b)}";
            var h = 0.05 * (1 + Array.IndexOf(types, type));
            var mixed = Alg(a) != Alg(b);
            // Reversed: alignment raises the barrier, the barrier ranking is upside down, the flatter half is the higher one.
            var skew = !mixed ? 0 : flip ? (Flat(a) < Flat(b) ? -1.9 : 1.9) : (Flat(a) < Flat(b) ? 1 : -1);
            if (flip) f.Path(raw, a, b, 0.01).Path(aligned, a, b, binary ? 1 - 3 * h : 0.9, skew);
            else f.Path(raw, a, b, 3 * h).Path(aligned, a, b, h, skew);
            if (!binary) f.Path("geodesic-aligned", a, b, flip ? 1 - 3 * h : 1.05 * h, skew);
            Optimized(a, b, flip);
            var rank = Array.IndexOf(StoredRun.Algorithms, Alg(a));
            var d = flip ? new[] { 100.0, 10, 5 }[rank] : 5 + 2 * rank;
            if (!mixed) f.Distance(a, b, binary ? 99 : d, binary ? d / 100.0 : null);
        }

        foreach (var (a, b) in PathFindingsTests.Pairs) Probes(a, b, flip: false);
        if (!polluted) return f.Build();
        for (var seed = 3; seed < 3 + copies; seed++)
        {
            var test = new Dictionary<string, double> { ["rsgd"] = 0.9, ["sgd"] = 0, ["adv"] = 0 };
            foreach (var a in StoredRun.Algorithms)
                f.Solution(a, seed, test[a], converged: false).EnergyAt($"{a}-s{seed}", poison[a]).Check($"{a}-s{seed}");
            foreach (var (a, b) in PathFindingsTests.Pairs)
            {
                string S(string name) => $"{Alg(name)}-s{seed}";
                Probes(S(a), Alg(a) == Alg(b) ? $"{Alg(b)}-s{seed + 100}" : S(b), flip: true); // both ends unconverged
                Probes(a, S(b), flip: true);                                                   // one end unconverged
                Optimized(a, b, flip: true, converged: false);                                 // converged ends, unconverged midpoint
                Optimized(a, b, flip: true, withMidpoint: false);                              // an older manifest: no midpoint_converged
            }
            foreach (var a in StoredRun.Algorithms) f.Solution(a, seed + 100, test[a], converged: false).EnergyAt($"{a}-s{seed + 100}", poison[a]);
        }
        return f.Build();
    }

    private static void Same(Finding clean, Finding polluted)
    {
        Assert.Equal(clean.Verdict, polluted.Verdict);
        Assert.Equal(clean.Numbers, polluted.Numbers);
        Assert.Equal(clean.Comparisons, polluted.Comparisons);
        Assert.Equal((clean.Margin, clean.Tolerance, clean.Spread), (polluted.Margin, polluted.Tolerance, polluted.Spread));
        if (clean.Id != "I1") Assert.Equal(clean.Inputs.Used, polluted.Inputs.Used); // I1 counts every exactness check, by design
    }

    [Theory]
    [InlineData("mlp:784,20,10", "continuous", "mlp")]
    [InlineData("binary-mlp:784,101,101,10", "binary-deep", "binary-mlp")]
    public void UnconvergedInputsThatWouldFlipEveryVerdictChangeNothing(string arch, string family, string word)
    {
        var clean = FindingsEvaluator.Evaluate(Full(arch, false), FindingsSpec.Default, family, word, []);
        var polluted = FindingsEvaluator.Evaluate(Full(arch, true), FindingsSpec.Default, family, word, []);
        var holds = family == "continuous" ? new[] { "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "I1" } : ["F1", "F2", "F4", "F5", "F6", "F8", "F11", "I1"];
        foreach (var id in holds) Is(Verdict.Holds, clean.Single(f => f.Id == id));
        foreach (var (c, p) in clean.Zip(polluted)) Same(c, p);
        Assert.All(polluted.Where(f => f.Id is not ("I1" or "F3") && f.Verdict != Verdict.NotApplicable), f => Assert.True(f.Inputs.LeftOut > 0, $"{f.Id} left nothing out"));
    }

    [Fact]
    public void TheUnconvergedInputsDoFlipTheVerdictsWhenCountedAsConverged()
    {
        // The control: the same polluted run with every solution and midpoint marked converged is judged differently.
        var polluted = Full("mlp:784,20,10", true);
        var trusted = polluted with
        {
            Solutions = polluted.Solutions.Select(s => s with { Converged = true }).ToList(),
            Paths = polluted.Paths.Select(p => p.Optimized ? p with { Midpoint = new MidpointResult(true, 0, 0.4, 0, 1) } : p).ToList(),
        };
        var clean = FindingsEvaluator.Evaluate(Full("mlp:784,20,10", false), FindingsSpec.Default, "continuous", "mlp", []);
        var flipped = FindingsEvaluator.Evaluate(trusted, FindingsSpec.Default, "continuous", "mlp", []);
        foreach (var id in new[] { "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9" })
            Assert.True(clean.Single(f => f.Id == id).Verdict != flipped.Single(f => f.Id == id).Verdict, $"{id} did not flip");
    }

    [Fact]
    public void F10ReadsNoUnconvergedSolutionOfTheSeries()
    {
        ScalingPoint P(int n, double flat, bool polluted)
        {
            var f = new Fabricated { Arch = $"committee:{n},7", Levels = [0, 0.02, 0.05, 0.1] };
            var scale = new Dictionary<string, double> { ["rsgd"] = 1, ["sgd"] = 2, ["adv"] = 3 };
            foreach (var a in StoredRun.Algorithms)
            {
                foreach (var seed in new[] { 1, 2 })
                    f.Solution(a, seed, 0.1 * scale[a] * flat + 0.002 * seed).Energy($"{a}-s{seed}", scale[a] * flat * (seed == 1 ? 0.95 : 1.05));
                if (polluted) f.Solution(a, 3, 1 - 0.1 * scale[a], converged: false).Energy($"{a}-s3", 10 * n / scale[a]);
            }
            foreach (var (a, b) in PathFindingsTests.Pairs)
            {
                f.Path("hamming", a, b, 0.1 * flat).Path("hamming-aligned", a, b, 0.09 * flat);
                if (polluted) f.Path("hamming", a.Replace("-s1", "-s3"), b, n / 4000.0).Path("hamming-aligned", a.Replace("-s1", "-s3"), b, 0.0);
            }
            return new ScalingPoint(n, f.Build($"n{n}"));
        }
        Finding F10(bool polluted) => ScalingFinding.F10("binary-hmm", [P(200, 1, polluted), P(800, 0.5, polluted), P(3200, 0.25, polluted)], FindingsSpec.Default,
            new NetworkSymmetry(true, true));
        var clean = F10(false);
        Is(Verdict.Holds, clean);
        Same(clean, F10(true));
    }
}
