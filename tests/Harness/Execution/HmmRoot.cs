namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// A throw-away repository root with one tiny spec on generated data (Hidden Manifold Model: no download), a data stage
/// and two train stages of well under a second each; its folder goes with <see cref="Dispose"/>.
/// </summary>
public sealed class HmmRoot : IDisposable
{
    /// <summary>The root folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reproduce-slurm-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes the spec; <paramref name="resources"/> is the spec's <c>resources</c> section as YAML flow text.</summary>
    public HmmRoot(string resources = "{default: {cpus: 1, memory: 1G, time: \"10\"}}")
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "specs"));
        File.WriteAllText(System.IO.Path.Combine(Path, "Reproduce.sln"), "");
        Resources(resources);
    }

    /// <summary>Rewrites the spec with another <c>resources</c> section (stage keys stay the same).</summary>
    public void Resources(string resources) =>
        File.WriteAllText(System.IO.Path.Combine(Path, "specs", "hmm.yaml"), $"""
            experiment: hmm-mlp
            data:
              dataset: hmm
              hmm: {"{"}n: 50, d: 10, p: 200, test_size: 500{"}"}
            network: {"{"}hidden: [64]{"}"}
            seeds: [1, 2]
            algorithms:
              sgd: {"{"}lr: 0.05, epochs: 60, max_train_error: 0, batch_size: 20{"}"}
            resources: {resources}
            """);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, true);
    }
}
