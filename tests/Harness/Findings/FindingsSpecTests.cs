using Reproduce.Harness.Specs;
using Xunit;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>The spec's findings section: typed defaults, strict reading.</summary>
public class FindingsSpecTests
{
    [Fact]
    public void AbsentSectionReadsAsDefaults()
    {
        Assert.Equal(FindingsSpec.Default with { Appendix = [] }, Some.Spec().Findings with { Appendix = [] });
        Assert.Empty(Some.Spec().Findings.Appendix);
    }

    [Fact]
    public void TolerancesAndAppendixFiguresAreRead()
    {
        var spec = Some.Spec(Some.SpecText + "\nfindings:\n  error_tolerance: 0.01\n  sigma_star: 0.3\n  appendix: {plane_test: true}\n");
        Assert.Equal(0.01, spec.Findings.ErrorTolerance);
        Assert.Equal(0.3, spec.Findings.SigmaStar);
        Assert.Equal(["plane-test"], spec.Findings.Appendix);
    }

    [Fact]
    public void UnknownFindingsKeyFailsWithItsLine()
    {
        var text = Some.SpecText + "\nfindings:\n  error_tolerence: 0.01\n";
        var e = Assert.Throws<SpecException>(() => Some.Spec(text));
        Assert.Contains("findings.error_tolerence", e.Message);
        Assert.Contains("unknown key", e.Message);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains("error_tolerence")) + 1, e.Line);
    }

    [Fact]
    public void OutOfRangeToleranceIsRejected()
    {
        var e = Assert.Throws<SpecException>(() => Some.Spec(Some.SpecText + "\nfindings: {zero_barrier: 2}\n"));
        Assert.Contains("findings.zero_barrier", e.Message);
    }
}
