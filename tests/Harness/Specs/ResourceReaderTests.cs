using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Xunit;

namespace Reproduce.Tests.Harness.Specs;

/// <summary>The spec's <c>resources</c> section: defaults, per-kind overrides, profiles, strict errors, and no effect on stage keys.</summary>
public sealed class ResourceReaderTests
{
    private const string Base = "experiment: x\ndata: {dataset: mnist}\nalgorithms: {sgd: {}}\n";

    private static ExperimentSpec Read(string resources, string? profile = null) =>
        SpecLoader.Parse(Base + resources, "t.yaml", profile, out _);

    [Fact]
    public void NoSectionAsksNothingOfEveryKind()
    {
        var spec = Read("");
        Assert.Equal(StageKinds.All.Order(StringComparer.Ordinal), spec.Resources.Keys.Order(StringComparer.Ordinal));
        Assert.All(spec.Resources.Values, r => Assert.True(r.AsksNothing));
    }

    [Fact]
    public void AKindOverridesTheDefaultFieldByField()
    {
        var spec = Read("resources:\n  default: {cpus: 2, memory: 4G, time: \"1:00:00\", account: lab}\n  train: {gpus: 1, time: 2-00:00:00, sbatch: \"--qos=high --exclusive\"}\n");
        var data = spec.Resources["data"];
        Assert.Equal((2, "4G", 0, "1:00:00", "", "lab", 0), (data.Cpus, data.Memory, data.Gpus, data.Time, data.Partition, data.Account, data.Sbatch.Count));
        var train = spec.Resources["train"];
        Assert.Equal((2, "4G", 1, "2-00:00:00", "lab"), (train.Cpus, train.Memory, train.Gpus, train.Time, train.Account));
        Assert.Equal(["--qos=high", "--exclusive"], train.Sbatch);
    }

    [Fact]
    public void AProfileMayChangeResources()
    {
        var spec = Read("resources: {train: {cpus: 1}}\nprofiles:\n  paper: {resources: {train: {gpus: 1, partition: gpu}}}\n", "paper");
        Assert.Equal((1, 1, "gpu"), (spec.Resources["train"].Cpus, spec.Resources["train"].Gpus, spec.Resources["train"].Partition));
    }

    [Theory]
    [InlineData("resources: {probe: {cpus: 1}}", "resources.probe", "unknown stage kind 'probe'")]
    [InlineData("resources: {train: {memory: lots}}", "resources.train.memory", "expected a size in MB or with a unit")]
    [InlineData("resources: {train: {time: soon}}", "resources.train.time", "expected minutes, H:MM:SS or D-HH:MM:SS")]
    [InlineData("resources: {default: {cpus: -1}}", "resources.default.cpus", "expected an integer in [0, 100000]")]
    [InlineData("resources: {train: {sbatch: \"--dependency=afterany:1\"}}", "resources.train.sbatch", "is set by the executor")]
    [InlineData("resources: {train: {sbatch: \"qos=high\"}}", "resources.train.sbatch", "each starting with '-'")]
    [InlineData("resources: {train: {cpu: 1}}", "resources.train.cpu", "unknown key 'cpu'")]
    public void AWrongResourceNamesItsField(string resources, string field, string problem)
    {
        var e = Assert.Throws<SpecException>(() => Read(resources + "\n"));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void ResourcesNeverEnterStageKeys()
    {
        var plain = Planner.Plan([Read("")]);
        var asking = Planner.Plan([Read("resources: {default: {cpus: 8, memory: 64G}, train: {gpus: 2, partition: gpu}}\n")]);
        Assert.Equal(plain.Stages.Select(s => s.Key), asking.Stages.Select(s => s.Key));
    }
}
