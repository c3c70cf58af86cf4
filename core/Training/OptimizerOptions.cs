namespace Reproduce.Core.Training;

/// <summary>The update rule and its hyper-parameters (METHOD.md §6).</summary>
/// <param name="Kind">SGD or Adam.</param>
/// <param name="LearningRate">Initial learning rate η₀.</param>
/// <param name="Momentum">SGD momentum μ (0: vanilla SGD); unused by Adam.</param>
/// <param name="Nesterov">SGD Nesterov momentum (needs μ &gt; 0); unused by Adam.</param>
/// <param name="Beta1">Adam's first-moment decay; unused by SGD.</param>
/// <param name="Beta2">Adam's second-moment decay; unused by SGD.</param>
/// <param name="Schedule">How η moves over the phase.</param>
public sealed record OptimizerOptions(OptimizerKind Kind, double LearningRate, double Momentum, bool Nesterov, double Beta1, double Beta2,
    LearningRateSchedule Schedule)
{
    /// <summary>The step-decay parameters; required by <see cref="LearningRateSchedule.Step"/>, ignored otherwise.</summary>
    public StepDecay? Decay { get; init; }

    /// <summary>SGD with momentum μ (Nesterov or not), no weight decay.</summary>
    public static OptimizerOptions Sgd(double lr, double momentum, bool nesterov, LearningRateSchedule schedule = LearningRateSchedule.Cosine) =>
        new(OptimizerKind.Sgd, lr, momentum, nesterov && momentum > 0, 0.9, 0.999, schedule);

    /// <summary>Adam with decays (β₁, β₂), ε = 1e-8, no weight decay.</summary>
    public static OptimizerOptions Adam(double lr, double beta1 = 0.9, double beta2 = 0.999, LearningRateSchedule schedule = LearningRateSchedule.Cosine) =>
        new(OptimizerKind.Adam, lr, 0, false, beta1, beta2, schedule);

    /// <summary>
    /// η at step <paramref name="step"/> (from 0) of <paramref name="totalSteps"/>, with <paramref name="stepsPerEpoch"/>
    /// steps in each epoch (the step schedule decays per epoch).
    /// </summary>
    public double LearningRateAt(long step, long totalSteps, long stepsPerEpoch) => Schedule switch
    {
        LearningRateSchedule.Cosine => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps)),
        LearningRateSchedule.Step => LearningRate * Math.Pow((Decay ?? throw new InvalidOperationException("the step schedule needs its decay"))
            .Factor, Decay.DecaysBy(step / Math.Max(1, stepsPerEpoch))),
        _ => LearningRate,
    };
}
