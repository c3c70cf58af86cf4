using Reproduce.Harness.Cache;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Runs;
using Xunit;

namespace Reproduce.Tests.Harness;

/// <summary>
/// The whole spine on generated data (the Hidden Manifold Model needs no download): specs → plan → run → cache,
/// a second run that executes nothing, and a seed change that reruns only its stage.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-e2e-" + Guid.NewGuid().ToString("N"));

    public EndToEndTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "specs"));
        File.WriteAllText(Path.Combine(root, "Reproduce.sln"), "");
        WriteSpec("[1, 2]");
    }

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    private void WriteSpec(string seeds) => File.WriteAllText(Path.Combine(root, "specs", "hmm.yaml"), $"""
        experiment: hmm-mlp
        data:
          dataset: hmm
          hmm: {"{"}n: 50, d: 10, p: 200, test_size: 500{"}"}
        network: {"{"}hidden: [64]{"}"}
        seeds: {seeds}
        algorithms:
          sgd: {"{"}lr: 0.05, epochs: 60, max_train_error: 0, batch_size: 20{"}"}
        probes:
          local_energy: {"{"}sigmas: [0, 0.2], draws: 1{"}"}
          paths: {"{"}points: 3{"}"}
          optimized_path: {"{"}epochs: 2{"}"}
        """);

    private int[] Run()
    {
        // One stage at a time: TorchSharp 0.107 lets another thread's GC finalize an implicit Scalar while libtorch reads it,
        // so parallel stages fail now and then (issue notes; RSGD's coupling holds its Scalars, other code does not yet).
        using var session = Session.Start(new WorkspaceOptions(root, null, null, 1), ExecutionOptions.InProcessOnly);
        var before = session.Workspace.Inspect().Count(s => s.State != StageState.Done);
        Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
        Assert.All(session.Workspace.Inspect(), s => Assert.Equal(StageState.Done, s.State));
        return [before, session.Workspace.Graph.Stages.Count];
    }

    [Fact]
    public void RunCachesEverythingAndRerunsOnlyWhatChanged()
    {
        // 1 data, 2 train, the probes of 2 solutions (2 canonicalize, 2 local-energy, 1 align, 3 path, 3 optimized-path,
        // 2 plane (raw, normalized: sgd-s1, sgd-s2 and sgd-s2 aligned), 1 distances), and 6 plots and the findings that read them.
        Assert.Equal([23, 23], Run());
        Assert.Equal([0, 23], Run());

        var ws = Workspace.Open(new WorkspaceOptions(root, null, null));
        var train = ws.Graph.Stages.Where(s => s.Kind == "train").Select(s => ws.Cache.ReadManifest(s)).ToList();
        Assert.All(train, m =>
        {
            Assert.True((bool)m.Result["converged"]!);
            Assert.Equal(0.0, (double)m.Result["train_error"]!);
            Assert.True(File.Exists(Path.Combine(ws.Cache.Folder("train", m.Key), "network.safetensors")));
        });

        // Seed 2 → 3: its train, canonicalize and local-energy, the pair's align, 3 paths, 3 optimized paths, 2 planes, the
        // distances, and the 6 plots and the findings downstream of them (the data and seed 1's stages stay cached).
        WriteSpec("[1, 3]");
        Assert.Equal([19, 23], Run());
    }
}
