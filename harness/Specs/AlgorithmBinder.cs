using Reproduce.Core.Training;
using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.Specs;

/// <summary>
/// Reads one <c>algorithms.&lt;name&gt;</c> section strictly. Every hyper-parameter is a field with its default
/// (SpecDefaults; specs/README.md): the shared ones, the optimizer's own (momentum and nesterov for sgd, beta1 and beta2
/// for adam), the step schedule's own (lr_decay_*), and the algorithm's own (rsgd: replicas, gamma_max; adv: zeta,
/// pretrain_*). A field that does not apply fails as an unknown key. Defaults follow METHOD.md §6: continuous nets train with
/// Nesterov SGD on a cosine schedule (ADV's clean phase: vanilla SGD); binary nets with SGD without momentum at a constant
/// rate (the HMM nets and the parity MLPs of App. B; the binary Fashion MLP and conv net set Adam in their specs).
/// </summary>
internal static class AlgorithmBinder
{
    /// <summary>Binds the section of algorithm <paramref name="name"/> for a network that is binary or not.</summary>
    public static AlgorithmSpec Bind(MappingReader s, string name, bool binaryNet)
    {
        var optimizer = s.Choice("optimizer", "sgd", SpecDefaults.Optimizers);
        var adam = optimizer == "adam";
        var lr = s.Number("lr", adam ? SpecDefaults.AdamLearningRate : binaryNet ? SpecDefaults.BinarySgdLearningRate : SpecDefaults.LearningRate,
            0, 100, minExclusive: true);
        var schedule = s.Choice("schedule", binaryNet ? "constant" : "cosine", SpecDefaults.Schedules);
        StepDecay? decay = null;
        if (schedule == "step")
        {
            var every = s.Int("lr_decay_every", SpecDefaults.LearningRateDecayEvery, 1, 100_000);
            decay = new StepDecay(s.Number("lr_decay_factor", SpecDefaults.LearningRateDecayFactor, 0, 1, minExclusive: true), every,
                s.Int("lr_decay_first", every, 1, 100_000));
        }
        // ADV's clean phase is vanilla SGD (METHOD.md §6), and binary nets train without momentum (App. B); sgd and rsgd of
        // continuous nets use Nesterov momentum.
        var vanilla = name == "adv" || binaryNet;
        double momentum = 0, beta1 = SpecDefaults.AdamBeta1, beta2 = SpecDefaults.AdamBeta2;
        var nesterov = false;
        if (adam)
        {
            beta1 = s.Number("beta1", SpecDefaults.AdamBeta1, 0, 0.999999);
            beta2 = s.Number("beta2", SpecDefaults.AdamBeta2, 0, 0.999999);
        }
        else
        {
            momentum = s.Number("momentum", vanilla ? 0 : SpecDefaults.Momentum, 0, 0.999999);
            nesterov = s.Bool("nesterov", !vanilla);
            if (nesterov && momentum == 0) throw s.ErrorAt("nesterov", "Nesterov momentum needs momentum > 0");
        }
        var batch = s.Int("batch_size", SpecDefaults.BatchSize, 1, 1_000_000);
        var epochs = s.Int("epochs", SpecDefaults.Epochs, 1, 100_000, size: true);
        var maxError = s.Number("max_train_error", SpecDefaults.MaxTrainError, 0, 1, size: true);
        ReplicaSpec? replicated = null;
        AdversarialSpec? adversarial = null;
        if (name == "rsgd")
            replicated = new ReplicaSpec(s.Int("replicas", SpecDefaults.Replicas, 2, 1000),
                s.Number("gamma_max", SpecDefaults.GammaMax, 1, 1e12));
        if (name == "adv")
            adversarial = new AdversarialSpec(
                binaryNet ? 0 : s.Number("zeta", SpecDefaults.AdvZeta, 0, 1),
                s.Number("pretrain_lr", binaryNet ? SpecDefaults.BinaryAdvPretrainLr : SpecDefaults.AdvPretrainLr, 0, 100, minExclusive: true),
                s.Int("pretrain_epochs", SpecDefaults.AdvPretrainEpochs, 1, 100_000, size: true),
                s.Number("pretrain_max_error", SpecDefaults.AdvPretrainMaxError, 0, 1, size: true));
        s.Finish();
        return new AlgorithmSpec(name, optimizer, lr, schedule, momentum, nesterov, beta1, beta2, batch, epochs, maxError, replicated, adversarial)
            { Decay = decay };
    }
}
