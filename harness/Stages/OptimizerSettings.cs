using System.Text.Json.Nodes;
using Reproduce.Core.Training;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Stages;

/// <summary>
/// An update rule as stage settings: what a train stage's clean phase and an optimized path's midpoint train with
/// (the midpoint takes the SGD-type solutions' own, METHOD.md §4). Serialized into the stage's settings (and so its key)
/// by <see cref="WriteTo"/>, read back by <see cref="Read"/>.
/// </summary>
/// <param name="Optimizer">sgd or adam.</param>
/// <param name="LearningRate">η₀.</param>
/// <param name="Schedule">cosine, constant or step.</param>
/// <param name="Momentum">SGD momentum (0 for adam).</param>
/// <param name="Nesterov">SGD Nesterov momentum (false for adam).</param>
/// <param name="Beta1">Adam's β₁ (unused by sgd).</param>
/// <param name="Beta2">Adam's β₂ (unused by sgd).</param>
/// <param name="Decay">The step schedule's decay (null unless <paramref name="Schedule"/> is step).</param>
public sealed record OptimizerSettings(string Optimizer, double LearningRate, string Schedule, double Momentum, bool Nesterov, double Beta1, double Beta2,
    StepDecay? Decay)
{
    /// <summary>The update rule of <paramref name="a"/>'s clean phase.</summary>
    public static OptimizerSettings Of(AlgorithmSpec a) => new(a.Optimizer, a.LearningRate, a.Schedule, a.Momentum, a.Nesterov, a.Beta1, a.Beta2, a.Decay);

    /// <summary>The core's options for this rule.</summary>
    public OptimizerOptions ToOptions()
    {
        var schedule = Schedule switch
        {
            "cosine" => LearningRateSchedule.Cosine,
            "constant" => LearningRateSchedule.Constant,
            "step" => LearningRateSchedule.Step,
            var other => throw new StageFailedException($"unknown learning-rate schedule '{other}'"),
        };
        var options = Optimizer switch
        {
            "adam" => OptimizerOptions.Adam(LearningRate, Beta1, Beta2, schedule),
            "sgd" => OptimizerOptions.Sgd(LearningRate, Momentum, Nesterov, schedule),
            var other => throw new StageFailedException($"unknown optimizer '{other}'"),
        };
        return options with { Decay = Decay };
    }

    /// <summary>Writes the rule's fields into <paramref name="o"/>: only those the optimizer and schedule use.</summary>
    public void WriteTo(JsonObject o)
    {
        o["optimizer"] = Optimizer;
        o["lr"] = LearningRate;
        o["schedule"] = Schedule;
        if (Optimizer == "adam")
        {
            o["beta1"] = Beta1;
            o["beta2"] = Beta2;
        }
        else
        {
            o["momentum"] = Momentum;
            o["nesterov"] = Nesterov;
        }
        if (Decay is { } d)
        {
            o["lr_decay_factor"] = d.Factor;
            o["lr_decay_every"] = d.Every;
            o["lr_decay_first"] = d.First;
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote; a missing field is an error naming it.</summary>
    public static OptimizerSettings Read(JsonObject o, string where)
    {
        var adam = (string)StageJson.Get(o, "optimizer", where)! == "adam";
        var schedule = (string)StageJson.Get(o, "schedule", where)!;
        return new OptimizerSettings(adam ? "adam" : "sgd", (double)StageJson.Get(o, "lr", where),
            schedule,
            adam ? 0 : (double)StageJson.Get(o, "momentum", where), !adam && (bool)StageJson.Get(o, "nesterov", where),
            adam ? (double)StageJson.Get(o, "beta1", where) : SpecDefaults.AdamBeta1, adam ? (double)StageJson.Get(o, "beta2", where) : SpecDefaults.AdamBeta2,
            schedule == "step"
                ? new StepDecay((double)StageJson.Get(o, "lr_decay_factor", where), (int)StageJson.Get(o, "lr_decay_every", where),
                    (int)StageJson.Get(o, "lr_decay_first", where))
                : null);
    }
}
