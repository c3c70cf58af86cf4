using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;
using Xunit;

namespace Reproduce.Tests.Harness.Training;

/// <summary>The network and algorithm sections of a spec: every architecture and algorithm, strict fields, documented, in the keys.</summary>
public class TrainSettingsTests
{
    private static ExperimentSpec Spec(string dataset, string network, string algorithms) => Reproduce.Tests.Some.Spec($"""
        experiment: t
        data: {dataset}
        network: {network}
        algorithms: {algorithms}
        """);

    [Theory]
    [InlineData("{dataset: mnist}", "{arch: mlp}", "mlp:784,500,500,10")]
    [InlineData("{dataset: mnist}", "{arch: lenet}", "lenet:32,64,128,10,1,28")]
    [InlineData("{dataset: cifar10}", "{arch: lenet, channels: [6, 16], hidden: [84]}", "lenet:6,16,84,10,3,32")]
    [InlineData("{dataset: cifar10}", "{arch: vgg16bn, width_divisor: 8}", "vgg16bn:8,10")]
    [InlineData("{dataset: mnist-parity}", "{arch: binary-mlp}", "binary-mlp:784,501,501,1")]
    [InlineData("{dataset: mnist}", "{arch: binary-mlp, hidden: [101]}", "binary-mlp:784,101,10")]
    [InlineData("{dataset: mnist-parity}", "{arch: binary-conv}", "binary-conv:1,28,32,64,501,1")]
    [InlineData("{dataset: hmm, hmm: {n: 300}}", "{arch: perceptron}", "perceptron:300")]
    [InlineData("{dataset: hmm}", "{arch: committee, k: 5}", "committee:400,5")]
    public void EveryArchitectureGetsItsFullSizesFromTheDataSet(string data, string network, string written)
    {
        var spec = Spec(data, network, "{sgd: {}}");
        var settings = Planner.TrainSettings(spec, spec.Algorithms[0], 1);
        Assert.Equal(written, (string)settings["network"]!["arch"]!);
        Assert.Equal(written, Reproduce.Core.Models.Architecture.Parse(written).ToString());
    }

    [Theory]
    [InlineData("{dataset: mnist}", "{arch: perceptron}", "network.arch", "needs a binary task")]
    [InlineData("{dataset: hmm}", "{arch: lenet}", "network.arch", "needs image data")]
    [InlineData("{dataset: mnist}", "{arch: vgg16bn}", "network.arch", "cifar10")]
    [InlineData("{dataset: mnist}", "{arch: mlp, k: 7}", "network.k", "unknown key 'k'")]
    [InlineData("{dataset: mnist}", "{arch: lenet, hidden: [1, 2]}", "network.hidden", "expected a list of 1..1 integers")]
    public void ArchitectureMisfitsAreSpecErrors(string data, string network, string field, string message)
    {
        var e = Assert.Throws<SpecException>(() => Spec(data, network, "{sgd: {}}"));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("{sgd: {beta1: 0.9}}", "algorithms.sgd.beta1")]
    [InlineData("{sgd: {replicas: 3}}", "algorithms.sgd.replicas")]
    [InlineData("{rsgd: {zeta: 0.1}}", "algorithms.rsgd.zeta")]
    [InlineData("{adv: {gamma_max: 10}}", "algorithms.adv.gamma_max")]
    [InlineData("{sgd: {momentum: 0}}", "algorithms.sgd.nesterov")]
    public void FieldsOfAnotherAlgorithmOrOptimizerAreRejected(string algorithms, string field)
    {
        var e = Assert.Throws<SpecException>(() => Spec("{dataset: mnist}", "{arch: mlp}", algorithms));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void AlgorithmDefaultsFollowMethodSection6()
    {
        var spec = Spec("{dataset: mnist}", "{arch: mlp}", "{sgd: {}, rsgd: {}, adv: {}}");
        var (sgd, rsgd, adv) = (spec.Algorithms[0], spec.Algorithms[1], spec.Algorithms[2]);
        Assert.Equal(("sgd", 0.9, true, "cosine"), (sgd.Optimizer, sgd.Momentum, sgd.Nesterov, sgd.Schedule));
        Assert.Equal(new ReplicaSpec(3, 1e4), rsgd.Replicated);
        Assert.Equal((0.0, false), (adv.Momentum, adv.Nesterov));
        Assert.Equal(new AdversarialSpec(0.1, 0.1, 100, 0.01), adv.Adversarial);
        var binary = Spec("{dataset: hmm}", "{arch: committee}", "{sgd: {}, adv: {}}");
        // Binary nets (App. B): SGD without momentum at a constant rate; ADV pre-trains the same way at its own rate.
        Assert.Equal(("sgd", 1.0, "constant", 0.0, false), (binary.Algorithms[0].Optimizer, binary.Algorithms[0].LearningRate,
            binary.Algorithms[0].Schedule, binary.Algorithms[0].Momentum, binary.Algorithms[0].Nesterov));
        Assert.Equal(0, binary.Algorithms[1].Adversarial!.Zeta); // binary nets: random labels only
        Assert.Equal(1.0, binary.Algorithms[1].Adversarial!.PretrainLearningRate);
        var adam = Spec("{dataset: hmm}", "{arch: committee}", "{sgd: {optimizer: adam, schedule: step, lr_decay_every: 4}}").Algorithms[0];
        Assert.Equal(("adam", 0.001, new Reproduce.Core.Training.StepDecay(0.5, 4, 4)), (adam.Optimizer, adam.LearningRate, adam.Decay));
    }

    /// <summary>
    /// Each algorithm draws from its own stream of the spec seed: sgd-s1, rsgd-s1 and adv-s1 never share initial weights or
    /// minibatch order (mixed pairs of one seed are independent samples), and a seed's stream is the same in every run.
    /// </summary>
    [Fact]
    public void AlgorithmsOfOneSeedDrawFromDifferentStreams()
    {
        long[] seeds = [.. new[] { "sgd", "rsgd", "adv" }.SelectMany(a => new[] { 1L, 2L }.Select(s => TrainingSetup.AlgorithmSeed(a, s)))];
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.InRange(s, 0, long.MaxValue / 2));
        Assert.Equal(TrainingSetup.AlgorithmSeed("adv", 1), TrainingSetup.AlgorithmSeed("adv", 1));
        Assert.Throws<StageFailedException>(() => TrainingSetup.AlgorithmSeed("lbfgs", 1));
    }

    [Theory]
    [InlineData("lr: 0.02")]
    [InlineData("schedule: constant")]
    [InlineData("momentum: 0.8")]
    [InlineData("nesterov: false")]
    [InlineData("batch_size: 64")]
    [InlineData("epochs: 5")]
    [InlineData("max_train_error: 0.01")]
    [InlineData("replicas: 5")]
    [InlineData("gamma_max: 100")]
    [InlineData("optimizer: adam")]
    public void EveryRsgdHyperParameterChangesTheKey(string change) => ChangesKey("rsgd", change);

    [Theory]
    [InlineData("zeta: 0.2")]
    [InlineData("pretrain_lr: 0.05")]
    [InlineData("pretrain_epochs: 7")]
    [InlineData("pretrain_max_error: 0.1")]
    public void EveryAdvHyperParameterChangesTheKey(string change) => ChangesKey("adv", change);

    private static void ChangesKey(string algorithm, string change)
    {
        var before = Planner.Plan([Spec("{dataset: mnist}", "{arch: mlp}", $"{{{algorithm}: {{}}}}")]).Stages.First(s => s.Kind == "train");
        var after = Planner.Plan([Spec("{dataset: mnist}", "{arch: mlp}", $"{{{algorithm}: {{{change}}}}}")]).Stages.First(s => s.Kind == "train");
        Assert.NotEqual(before.Key, after.Key);
    }

    [Fact]
    public void EveryNetworkAndAlgorithmFieldIsDocumentedInSpecsReadme()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot.Find(), "specs", "README.md"));
        string[] texts =
        [
            "experiment: t\ndata: {dataset: mnist}\nnetwork: {arch: lenet}\nalgorithms: {sgd: {}, rsgd: {}, adv: {}}\n",
            "experiment: t\ndata: {dataset: hmm}\nnetwork: {arch: committee}\nalgorithms: {sgd: {}, adv: {}}\n",
            "experiment: t\ndata: {dataset: cifar10}\nnetwork: {arch: vgg16bn}\nalgorithms: {sgd: {}}\n",
            "experiment: t\ndata: {dataset: mnist}\nnetwork: {arch: binary-conv}\nalgorithms: {sgd: {}}\n",
        ];
        foreach (var text in texts)
        {
            SpecLoader.Parse(text, "t.yaml", null, out var context);
            var missing = context.Fields.Values.Select(f => f.DocPath).Distinct().Where(p => !readme.Contains($"`{p}`")).ToList();
            Assert.True(missing.Count == 0, "specs/README.md lacks: " + string.Join(", ", missing));
        }
    }
}
