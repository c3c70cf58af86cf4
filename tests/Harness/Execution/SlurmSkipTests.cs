using System.Diagnostics;
using Reproduce.Harness.Data;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Stages;
using Reproduce.Tests.Harness.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// The Slurm executor skips what cannot run as the local executors do: the shipped specs' smoke plan, on the one-node
/// Slurm, with CIFAR-10 absent (MNIST and Fashion-MNIST stored). The jobs are submitted held and cancelled after the
/// check: what is tested is what gets submitted, not the 10 minutes of running it.
/// </summary>
public sealed class SlurmSkipTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-slurm-skip-" + Guid.NewGuid().ToString("N"));
    private readonly string? dataBefore = Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DataCache.EnvironmentVariable, dataBefore);
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    [SlurmFact(NeedsStoredMnist = true)]
    public async Task TheSmokePlanWithoutCifar10SubmitsEveryOtherStageAndSkipsItsExperimentsWithTheReason()
    {
        Directory.CreateDirectory(Path.Combine(root, "specs"));
        File.WriteAllText(Path.Combine(root, "Reproduce.sln"), "");
        foreach (var spec in Directory.GetFiles(Path.Combine(RepoRoot.Find(), "specs"), "*.yaml"))
            File.Copy(spec, Path.Combine(root, "specs", Path.GetFileName(spec)));
        // A data folder holding the stored MNIST and Fashion-MNIST, and no CIFAR-10; no source answers for it.
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        foreach (var set in new[] { "mnist", "fashion-mnist" })
            if (Directory.Exists(Path.Combine(SlurmFactAttribute.StoredData, set)))
                Directory.CreateSymbolicLink(Path.Combine(data, set), Path.Combine(SlurmFactAttribute.StoredData, set));
        Environment.SetEnvironmentVariable(DataCache.EnvironmentVariable, data);
        var ws = Workspace.Open(new WorkspaceOptions(root, "smoke", null));
        var offline = new DataAvailability(ws.Cache, ws.DataDirectory, new SkipLedger(), new DataFetcher(new FakeTransport()));
        var slurm = new HoldingSlurm(new SlurmCommands()) { Hold = true };
        var executor = new SlurmExecutor(ws, slurm, StageCommand.At(Path.Combine(AppContext.BaseDirectory, "reproduce.dll")), new NoProgress(),
            new ExecutionOptions(ExecutionOptions.Slurm, Detach: true), offline);

        ExecutionReport report;
        try { report = await executor.ExecuteAsync(ws.Graph.Stages); }
        finally { CancelAll(ws, slurm); }

        var onCifar = ws.Graph.Stages.Where(s => s.Kind == StageKinds.Data && (string?)s.Settings["dataset"] == "cifar10")
            .SelectMany(s => ProbedHmmRoot.Downstream(ws.Graph, s)).ToHashSet();
        Assert.NotEmpty(onCifar);
        Assert.Empty(report.Failures);
        Assert.Equal(onCifar.Order(), report.Skipped.Keys.Order());
        Assert.All(report.Skipped.Values, why => Assert.Contains("data set cifar10 cannot be had here", why));
        Assert.Equal(ws.Graph.Stages.Count - onCifar.Count, report.Submitted);
        Assert.Equal(report.Submitted, report.Pending);
        Assert.All(ws.Graph.Stages, s => Assert.Equal(!onCifar.Contains(s.Key), SlurmJobMarker.Read(ws.Cache, s) is not null));
    }

    /// <summary>Cancels every job this test submitted (the markers name them), in one scancel.</summary>
    private static void CancelAll(Workspace ws, ISlurmClient slurm)
    {
        var ids = ws.Graph.Stages.Select(s => SlurmJobMarker.Read(ws.Cache, s)?.JobId).OfType<string>().ToList();
        if (ids.Count == 0) return;
        using var p = Process.Start("scancel", ids);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.DoesNotContain(slurm.Queue().Values, j => j.Active && ids.Contains(j.Id));
    }
}
