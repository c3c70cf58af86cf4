using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// A throw-away repository root with one small spec on generated data (Hidden Manifold Model: nothing to download) that
/// plans every stage kind but planes: 1 data, 2 train (seeds 1 and 2), 2 canonicalize, 2 local-energy, 1 align, 3 path,
/// 3 optimized-path, 1 distances, 4 plots and the findings: 20 stages of about a second each. Seed 2's train,
/// canonicalize and local-energy stages do not need seed 1's, so a failure of one leaves the other's running.
/// </summary>
public sealed class ProbedHmmRoot : IDisposable
{
    /// <summary>The spec (no profiles: run it with profile base).</summary>
    public const string Spec = """
        experiment: hmm-mlp
        data:
          dataset: hmm
          hmm: {n: 50, d: 10, p: 200, test_size: 500}
        network: {hidden: [64]}
        seeds: [1, 2]
        algorithms:
          sgd: {lr: 0.05, epochs: 60, max_train_error: 0, batch_size: 20}
        probes:
          local_energy: {sigmas: [0, 0.2], draws: 1}
          paths: {points: 3}
          optimized_path: {epochs: 2}
        """;

    /// <summary>The root folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reproduce-workers-" + Guid.NewGuid().ToString("N"));

    public ProbedHmmRoot()
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "specs"));
        File.WriteAllText(System.IO.Path.Combine(Path, "Reproduce.sln"), "");
        File.WriteAllText(System.IO.Path.Combine(Path, "specs", "hmm.yaml"), Spec);
    }

    /// <summary>The workspace options of a run here at <paramref name="jobs"/> with one libtorch thread per stage.</summary>
    public WorkspaceOptions Options(int jobs = 1) => new(Path, null, null, jobs, Threads: 1);

    /// <summary>The workspace (specs, plan, cache).</summary>
    public Workspace Open() => Workspace.Open(Options());

    /// <summary>The results digest (<see cref="RunDigest"/>): every output's SHA-256, timings left out.</summary>
    public IReadOnlyList<string> Digest() => RunDigest.Of(Open());

    /// <summary><paramref name="stage"/> and every stage downstream of it, by key.</summary>
    public static IReadOnlySet<string> Downstream(StageGraph graph, Stage stage)
    {
        var found = new HashSet<string>(StringComparer.Ordinal) { stage.Key };
        foreach (var s in graph.Stages)
            if (s.Inputs.Any(found.Contains)) found.Add(s.Key);
        return found;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, true);
    }
}
