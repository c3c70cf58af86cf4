using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Stages;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

/// <summary>The data stage runs on the data its key was planned on, and says what that data is.</summary>
public sealed class DataStageTests : IDisposable
{
    private readonly TempDir _root = new();

    public DataStageTests()
    {
        File.WriteAllText(_root.File("Reproduce.sln"), "");
        Directory.CreateDirectory(_root.File("specs"));
        File.WriteAllText(_root.File("specs/mlp.yaml"), """
            experiment: mlp-synthetic
            data: {dataset: cifar10}
            network: {hidden: [8]}
            seeds: [1]
            algorithms:
              sgd: {epochs: 1}
            """);
    }

    public void Dispose() => _root.Dispose();

    private string Data => _root.File("data");

    private Session Open() => Session.Start(new WorkspaceOptions(_root.Path, null, null, 1, DataDirectory: Data));

    [Fact]
    public void SyntheticDataStageRecordsItsProvenanceUnderItsOwnKey()
    {
        SyntheticCifar10.Write(Path.Combine(Data, "cifar10"), perBatch: 10, test: 10);
        var published = Planner.Plan(Workspace.Open(new WorkspaceOptions(_root.Path, null, null)).Specs).Stages.Single(s => s.Kind == StageKinds.Data);

        using var session = Open();
        var stage = session.Workspace.Graph.Stages.Single(s => s.Kind == StageKinds.Data);
        session.RunStage(stage.Id);
        var result = session.Workspace.Cache.ReadManifest(stage).Result;

        Assert.NotEqual(published.Key, stage.Key);
        Assert.Equal("data/cifar10-synthetic", stage.Id);
        Assert.True((bool)result["synthetic"]!);
        Assert.StartsWith("SYNTHETIC data in the format of cifar10, NOT the published data set", (string)result["provenance"]!);
        Assert.Equal(50, (int)result["train"]!);
    }

    [Fact]
    public void DataStageFailsWhenTheFolderChangedAfterPlanning()
    {
        var paths = SyntheticCifar10.Write(Path.Combine(Data, "cifar10"), perBatch: 10, test: 10);
        using var session = Open();
        var stage = session.Workspace.Graph.Stages.Single(s => s.Kind == StageKinds.Data);
        File.WriteAllBytes(paths[0], SyntheticCifar10.Batch(10, new Random(9)));

        var error = Assert.Throws<StageFailedException>(() => session.RunStage(stage.Id));

        Assert.Contains("changed after this run was planned", error.Message);
        Assert.Contains("cifar10/data_batch_1.bin sha256:", error.Message);
    }
}
