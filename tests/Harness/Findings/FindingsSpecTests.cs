using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;
using Xunit;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>The spec's findings section: typed defaults, strict reading, the tolerances' scaling, and the findings stage's settings.</summary>
public class FindingsSpecTests
{
    [Fact]
    public void AbsentSectionReadsAsDefaults()
    {
        Assert.Equal(FindingsSpec.Default with { Appendix = [] }, Some.Spec().Findings with { Appendix = [] });
        Assert.Empty(Some.Spec().Findings.Appendix);
        Assert.False(Some.Spec().Findings.Underparameterized);
        Assert.False(Some.Spec().Findings.BeyondSgd);
        Assert.Equal(SizeLabel.None, Some.Spec().Findings.SizeLabel);
    }

    [Fact]
    public void TolerancesFlagsAndAppendixFiguresAreRead()
    {
        var spec = Some.Spec(Some.SpecText + "\nfindings:\n  error_floor: 0.002\n  relative_tolerance: 0.1\n  spread_standard_errors: 3\n  min_converged: 2\n" +
                             "  close_relative: 0.25\n  midpoint_shift: 0.05\n  underparameterized: true\n  sigma_star: 0.3\n  appendix: {plane_test: true}\n");
        var f = spec.Findings;
        Assert.Equal((0.002, 0.1, 3.0, 2, 0.25, 0.05, true, 0.3), (f.ErrorFloor, f.RelativeTolerance, f.SpreadStandardErrors, f.MinConverged, f.CloseRelative,
            f.MidpointShift, f.Underparameterized, f.SigmaStar));
        Assert.Equal(["plane-test"], f.Appendix);
    }

    [Fact]
    public void UnknownFindingsKeyFailsWithItsLine()
    {
        // error_tolerance was replaced by error_floor and relative_tolerance (issue 15): a spec still naming it is told so.
        var text = Some.SpecText + "\nfindings:\n  error_tolerance: 0.01\n";
        var e = Assert.Throws<SpecException>(() => Some.Spec(text));
        Assert.Contains("findings.error_tolerance", e.Message);
        Assert.Contains("unknown key", e.Message);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains("error_tolerance")) + 1, e.Line);
    }

    [Fact]
    public void OutOfRangeToleranceIsRejected()
    {
        Assert.Contains("findings.zero_barrier", Assert.Throws<SpecException>(() => Some.Spec(Some.SpecText + "\nfindings: {zero_barrier: 2}\n")).Message);
        Assert.Contains("findings.min_converged", Assert.Throws<SpecException>(() => Some.Spec(Some.SpecText + "\nfindings: {min_converged: 0}\n")).Message);
    }

    [Fact]
    public void AProfileMayMarkASizeUnderparameterized()
    {
        var text = Some.SpecText.Replace("  quick:\n", "  quick:\n    findings: {underparameterized: true}\n");
        Assert.Contains("underparameterized", text);
        Assert.True(Some.Spec(text, "quick").Findings.Underparameterized);
        Assert.False(Some.Spec(text).Findings.Underparameterized);
    }

    [Fact]
    public void AProfileMayMarkASizeBeyondSgdsReach()
    {
        var text = Some.SpecText.Replace("  quick:\n", "  quick:\n    findings: {beyond_sgd: true}\n");
        Assert.Contains("beyond_sgd", text);
        Assert.Equal(SizeLabel.BeyondSgd, Some.Spec(text, "quick").Findings.SizeLabel);
        Assert.False(Some.Spec(text, "quick").Findings.Underparameterized);
        Assert.Equal(SizeLabel.None, Some.Spec(text).Findings.SizeLabel);
        Assert.Equal(SizeLabel.BeyondSgd, Some.Spec(Some.SpecText + "\nfindings: {beyond_sgd: true}\n").Findings.SizeLabel);
    }

    [Fact]
    public void UnderparameterizedAndBeyondSgdTogetherAreRefusedNamingTheField()
    {
        // In one section, and with the size label of the base overridden only in part by a profile: both are refused.
        var both = Some.SpecText + "\nfindings:\n  underparameterized: true\n  beyond_sgd: true\n";
        var e = Assert.Throws<SpecException>(() => Some.Spec(both));
        Assert.Contains("findings.beyond_sgd", e.Message);
        Assert.Contains("underparameterized", e.Message);
        Assert.Contains("exclude each other", e.Message);
        Assert.Equal(both.Split('\n').ToList().FindIndex(l => l.Contains("beyond_sgd")) + 1, e.Line);
        var split = (Some.SpecText + "\nfindings: {underparameterized: true}\n").Replace("  quick:\n", "  quick:\n    findings: {beyond_sgd: true}\n");
        Assert.Equal(SizeLabel.Underparameterized, Some.Spec(split).Findings.SizeLabel);
        Assert.Contains("findings.beyond_sgd", Assert.Throws<SpecException>(() => Some.Spec(split, "quick")).Message);
    }

    [Fact]
    public void ToleranceScalesWithTheQuantitiesAndHasAFloor()
    {
        var f = FindingsSpec.Default; // floor 0.001, relative 5%, close 50% with zero_barrier 0.01 as its floor
        Assert.Equal(0.001, f.ErrorTolerance(0.0, 0.00067), 15); // mlp-mnist smoke's ΔE: the floor
        Assert.Equal(0.01, f.ErrorTolerance(0.1, 0.2), 15);
        Assert.Equal(0.35, f.DistanceTolerance(5, 7), 15);
        Assert.Equal(0.0, f.DistanceTolerance(0, 0), 15);
        Assert.Equal(0.1, f.CloseTolerance(0.2, 0.1), 15);
        Assert.Equal(0.01, f.CloseTolerance(0.005, 0.002), 15); // mlp-mnist smoke: two near-zero barriers are close
    }

    [Fact]
    public void FindingsStageSettingsRoundTrip()
    {
        var s = new FindingsStageSettings("x", ["rsgd", "sgd"], "binary-hmm", "committee", FindingsSpec.Default with { SizeLabel = SizeLabel.BeyondSgd, MinConverged = 2 },
            ["k1", "k2"], [new FindingsStageSettings.SeriesPoint("x", 200, ["k1"]), new FindingsStageSettings.SeriesPoint("y", 800, ["k3"])]);
        var back = FindingsStageSettings.FromJson(s.ToJson());
        Assert.Equal(s.ToJson().ToJsonString(), back.ToJson().ToJsonString());
        Assert.Equal(s.Findings, back.Findings with { Appendix = s.Findings.Appendix });
        Assert.True(s.ToJson()["findings"]?["beyond_sgd"]?.GetValue<bool>() == true);
    }
}
