using Reproduce.Core.Symmetry;
using Reproduce.Harness.Specs;
using Xunit;

namespace Reproduce.Tests.Harness.Specs;

public class SpecLoaderTests
{
    private static SpecException Fails(string text, string? profile = null) =>
        Assert.Throws<SpecException>(() => Some.Spec(text, profile));

    [Fact]
    public void ValidSpecReadsWithDefaultsFilledIn()
    {
        var spec = Some.Spec();
        Assert.Equal("mlp-mnist", spec.Name);
        Assert.Equal("mnist", spec.Data.Dataset);
        Assert.Equal(2000, spec.Data.TrainSubset);
        Assert.Equal([500, 500], spec.Network.Hidden);
        Assert.Equal([1, 2], spec.Seeds);
        var sgd = Assert.Single(spec.Algorithms);
        Assert.Equal(0.05, sgd.LearningRate);
        Assert.Equal(SpecDefaults.Momentum, sgd.Momentum);
        Assert.True(sgd.Nesterov);
        Assert.Equal(SpecDefaults.BatchSize, sgd.BatchSize);
        Assert.Equal(SpecDefaults.Sigmas, spec.Probes.Sigmas);
        Assert.Equal("cpu", spec.Device);
        Assert.Equal("", spec.Profile);
    }

    [Fact]
    public void ProfileOverridesSizesOnly()
    {
        var smoke = Some.Spec(profile: "smoke");
        Assert.Equal(500, smoke.Data.TrainSubset);
        Assert.Equal([1], smoke.Seeds);
        Assert.Equal(3, smoke.Algorithms[0].Epochs);
        Assert.Equal(0.05, smoke.Algorithms[0].LearningRate);
        Assert.Equal(7, smoke.Data.SubsetSeed);
        Assert.Equal("smoke", smoke.Profile);
        Assert.Equal([100, 100], Some.Spec(profile: "quick").Network.Hidden);
        Assert.Equal([500, 500], Some.Spec(profile: "paper").Network.Hidden);
        Assert.Equal("paper", Some.Spec(profile: "paper").Profile);
    }

    [Fact]
    public void UnknownKeyIsRejectedWithLineAndColumn()
    {
        var e = Fails("experiment: x\ndata:\n  dataset: mnist\n  trian_subset: 5\nalgorithms: {sgd: {}}\n");
        Assert.Equal((4, 3), (e.Line, e.Column));
        Assert.Equal("data.trian_subset", e.Field);
        Assert.Contains("unknown key 'trian_subset'", e.Message);
        Assert.Contains("train_subset", e.Message);
        Assert.StartsWith("specs/test.yaml:4:3:", e.Message);
    }

    [Fact]
    public void DuplicateKeyIsRejectedAtItsSecondOccurrence()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nseeds: [1]\nseeds: [2]\nalgorithms: {sgd: {}}\n");
        Assert.Equal((4, 1), (e.Line, e.Column));
        Assert.Contains("duplicate key 'seeds' (first given at line 3, column 1)", e.Message);
    }

    [Fact]
    public void WrongTypeNamesTheExpectedForm()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nalgorithms:\n  sgd:\n    lr: fast\n");
        Assert.Equal((5, 9), (e.Line, e.Column));
        Assert.Equal("algorithms.sgd.lr", e.Field);
        Assert.Contains("expected a number in (0, 100], found 'fast'", e.Message);
    }

    [Fact]
    public void QuotedNumberIsAStringNotANumber()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nalgorithms: {sgd: {epochs: \"5\"}}\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("found the string \"5\"", e.Message);
    }

    [Fact]
    public void OutOfRangeValueIsRejected()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nalgorithms:\n  sgd:\n    momentum: 1.5\n");
        Assert.Equal((5, 15), (e.Line, e.Column));
        Assert.Contains("expected a number in [0, 0.999999], found 1.5", e.Message);
    }

    [Fact]
    public void ListItemOutOfRangeNamesItsIndex()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nnetwork: {hidden: [500, 0]}\nalgorithms: {sgd: {}}\n");
        Assert.Equal("network.hidden[1]", e.Field);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void UnknownChoiceListsTheChoices()
    {
        var e = Fails("experiment: x\ndata: {dataset: imagenet}\nalgorithms: {sgd: {}}\n");
        Assert.Equal("data.dataset", e.Field);
        Assert.Contains("expected one of mnist, fashion-mnist, cifar10, mnist-parity, hmm, found 'imagenet'", e.Message);
    }

    [Fact]
    public void MissingRequiredFieldIsNamed()
    {
        var e = Fails("data: {dataset: mnist}\nalgorithms: {sgd: {}}\n");
        Assert.Equal("experiment", e.Field);
        Assert.Contains("is required", e.Message);
    }

    [Fact]
    public void UnknownAlgorithmIsRejected()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nalgorithms:\n  sgd: {}\n  adam: {}\n");
        Assert.Equal((5, 3), (e.Line, e.Column));
        Assert.Contains("unknown algorithm 'adam'", e.Message);
    }

    [Fact]
    public void ProfileThatChangesMeaningIsRejected()
    {
        var e = Fails(Some.SpecText + "\n    algorithms: {sgd: {lr: 0.5}}\n", "quick");
        Assert.Equal("profiles.quick.algorithms.sgd.lr", e.Field);
        Assert.Contains("a profile may change only sizes", e.Message);
        Assert.Equal(22, e.Line);
    }

    [Fact]
    public void ProfileCannotAddAnAlgorithm()
    {
        var text = "experiment: x\ndata: {dataset: mnist}\nalgorithms: {sgd: {}}\nprofiles:\n  smoke:\n    algorithms: {rsgd: {epochs: 1}}\n";
        var e = Fails(text, "smoke");
        Assert.Equal(6, e.Line);
        Assert.Contains("cannot add algorithm 'rsgd'", e.Message);
    }

    [Fact]
    public void UnknownProfileNameIsRejected()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nalgorithms: {sgd: {}}\nprofiles:\n  fast: {}\n");
        Assert.Equal((5, 3), (e.Line, e.Column));
        Assert.Contains("unknown profile 'fast'", e.Message);
    }

    [Fact]
    public void InvalidYamlIsReportedWithItsPosition()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist\nalgorithms: {sgd: {}}\n");
        Assert.Contains("not valid YAML", e.Message);
        Assert.True(e.Line >= 2);
    }

    [Fact]
    public void AnchorsAreRejected()
    {
        var e = Fails("experiment: x\ndata: &d {dataset: mnist}\nalgorithms: {sgd: {}}\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("anchors and aliases are not supported", e.Message);
    }

    [Fact]
    public void DuplicateSeedsAreRejected()
    {
        var e = Fails("experiment: x\ndata: {dataset: mnist}\nseeds: [1, 1]\nalgorithms: {sgd: {}}\n");
        Assert.Equal("seeds[1]", e.Field);
        Assert.Contains("found 1 twice", e.Message);
    }

    /// <summary>The (R) norms by default; a number replaces a rule, the rule's name reads as the rule.</summary>
    [Fact]
    public void NormalizationNormsReadAsNumbersOrTheirDefaultRule()
    {
        Assert.Equal(NormalizationSettings.Default, Some.Spec().Probes.Normalization);
        var spec = Some.Spec("experiment: x\ndata: {dataset: mnist}\nalgorithms: {sgd: {}}\n" +
            "probes:\n  normalization: {hidden_norm: 2, output_norm: sqrt(weights), bn_affine_norm: 0.5}\n");
        Assert.Equal(new NormalizationSettings(HiddenNorm: 2, OutputNorm: null, BatchNormAffineNorm: 0.5), spec.Probes.Normalization);
    }

    /// <summary>A norm of 0 (or another word than the rule's name) fails at its line with the expected form.</summary>
    [Fact]
    public void NormalizationNormMustBePositiveOrTheRule()
    {
        var zero = Fails("experiment: x\ndata: {dataset: mnist}\nalgorithms: {sgd: {}}\nprobes:\n  normalization:\n    hidden_norm: 0\n");
        Assert.Equal((6, 18), (zero.Line, zero.Column));
        Assert.Equal("probes.normalization.hidden_norm", zero.Field);
        Assert.Contains("expected a number in (0, 1000000] or sqrt(fan_in), found 0", zero.Message);
        var word = Fails("experiment: x\ndata: {dataset: mnist}\nalgorithms: {sgd: {}}\nprobes: {normalization: {output_norm: sqrt(fan_in)}}\n");
        Assert.Equal("probes.normalization.output_norm", word.Field);
        Assert.Contains("or sqrt(weights), found", word.Message);
    }

    [Fact]
    public void EveryFieldIsDocumentedInSpecsReadme()
    {
        SpecLoader.Parse(Some.SpecText, "t.yaml", null, out var context);
        var readme = File.ReadAllText(Path.Combine(RepoRoot.Find(), "specs", "README.md"));
        var missing = context.Fields.Values.Select(f => f.DocPath).Distinct().Where(p => !readme.Contains($"`{p}`")).ToList();
        Assert.True(missing.Count == 0, "specs/README.md lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryShippedSpecLoadsUnderEveryProfile()
    {
        var specs = Directory.GetFiles(Path.Combine(RepoRoot.Find(), "specs"), "*.yaml");
        Assert.NotEmpty(specs);
        foreach (var file in specs)
        foreach (var profile in SpecDefaults.Profiles.Append(null))
            SpecLoader.Load(file, profile);
    }

    /// <summary>A profile may leave an experiment out (<c>enabled: false</c>); the workspace then does not plan it, and names it.</summary>
    [Fact]
    public void ProfileCanLeaveAnExperimentOut()
    {
        const string text = """
            experiment: left-out
            data: {dataset: hmm}
            network: {arch: perceptron}
            algorithms: {sgd: {}}
            profiles:
              smoke: {enabled: false}
            """;
        Assert.False(Some.Spec(text, "smoke").Enabled);
        Assert.True(Some.Spec(text, "quick").Enabled);
        var root = Path.Combine(Path.GetTempPath(), "reproduce-enabled-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "specs"));
            File.WriteAllText(Path.Combine(root, "Reproduce.sln"), "");
            File.WriteAllText(Path.Combine(root, "specs", "left-out.yaml"), text);
            var smoke = Reproduce.Harness.Runs.Workspace.Open(new Reproduce.Harness.Runs.WorkspaceOptions(root, "smoke", null));
            Assert.Empty(smoke.Specs);
            Assert.Empty(smoke.Graph.Stages);
            Assert.Equal(["left-out"], smoke.Disabled);
            Assert.NotEmpty(Reproduce.Harness.Runs.Workspace.Open(new Reproduce.Harness.Runs.WorkspaceOptions(root, "quick", null)).Graph.Stages);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
