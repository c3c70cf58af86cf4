using Reproduce.Harness.Specs;

namespace Reproduce.Tests;

/// <summary>Test data factory: small valid specs and variations of them.</summary>
public static class Some
{
    /// <summary>A complete, valid spec text (MLP on an MNIST subset, one algorithm, two seeds, all three profiles).</summary>
    public const string SpecText = """
        experiment: mlp-mnist
        description: MLP on MNIST
        data:
          dataset: mnist
          train_subset: 2000
          subset_seed: 7
        network:
          arch: mlp
          hidden: [500, 500]
        seeds: [1, 2]
        algorithms:
          sgd:
            lr: 0.05
            epochs: 20
        profiles:
          smoke:
            data: {train_subset: 500}
            seeds: [1]
            algorithms: {sgd: {epochs: 3}}
          quick:
            network: {hidden: [100, 100]}
        """;

    /// <summary>Parses spec text under a fixed file name.</summary>
    public static ExperimentSpec Spec(string text = SpecText, string? profile = null, string file = "specs/test.yaml") =>
        SpecLoader.Parse(text, file, profile, out _);

    /// <summary>A spec with <paramref name="name"/>, <paramref name="seeds"/> and its data subset.</summary>
    public static ExperimentSpec Spec(string name, int[] seeds, int trainSubset = 2000, double lr = 0.05) =>
        Spec($"""
            experiment: {name}
            data:
              dataset: mnist
              train_subset: {trainSubset}
            seeds: [{string.Join(", ", seeds)}]
            algorithms:
              sgd:
                lr: {lr.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            """, file: $"specs/{name}.yaml");
}
