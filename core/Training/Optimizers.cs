using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Training;

/// <summary>Builds TorchSharp optimizers from <see cref="OptimizerOptions"/> and moves their state in and out of memory.</summary>
public static class Optimizers
{
    /// <summary>The optimizer over <paramref name="parameters"/>; no weight decay.</summary>
    public static optim.Optimizer Create(OptimizerOptions o, IEnumerable<TorchSharp.Modules.Parameter> parameters) => o.Kind switch
    {
        OptimizerKind.Sgd => new SGD(parameters, o.LearningRate, o.Momentum, o.Nesterov),
        OptimizerKind.Adam => new Adam(parameters, o.LearningRate, o.Beta1, o.Beta2),
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double lr)
    {
        foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
    }

    /// <summary>The optimizer's state (momentum buffers, Adam moments and step counts) as bytes.</summary>
    public static byte[] Save(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) Helper(optimizer).save_state_dict(writer);
        return stream.ToArray();
    }

    /// <summary>Restores a state written by <see cref="Save"/> into an optimizer built with the same options and parameters.</summary>
    public static void Load(optim.Optimizer optimizer, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        Helper(optimizer).load_state_dict(reader);
    }

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new ArgumentException($"{optimizer.GetType().Name} cannot save its state", nameof(optimizer));

    /// <summary>
    /// TorchSharp's SGD (same options, state and saved format) with a step that allocates nothing: per parameter p with
    /// gradient g and momentum buffer b (same shape as p),
    /// b ← m·b + (1 − dampening)·g (b ← g on the first step), g ← g + m·b (Nesterov) or g ← b, p ← p − lr·g.
    /// The same elementwise operations as <see cref="TorchSharp.Modules.SGD"/>'s step in the same order, so the same bits; the
    /// Nesterov look-ahead is written into the gradient (which the next zero_grad clears) instead of a fresh tensor, and
    /// every operation runs outside a dispose scope. Weight decay and maximize are not supported (the harness uses neither).
    /// Named SGD because TorchSharp's saved state records the optimizer type's Name: checkpoints load into either class.
    /// </summary>
    private sealed class SGD : TorchSharp.Modules.SGD
    {
        /// <summary>SGD over <paramref name="parameters"/> with learning rate <paramref name="lr"/>, momentum and Nesterov.</summary>
        public SGD(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double momentum, bool nesterov)
            : base(parameters, lr, momentum, 0, 0, nesterov)
        {
        }

        /// <inheritdoc />
        public override Tensor step(Func<Tensor>? closure = null)
        {
            if (closure is not null) throw new NotSupportedException("this SGD takes no closure");
            using var noGrad = no_grad();
            foreach (var group in _parameter_groups)
            {
                var o = (Options)group.Options;
                double momentum = o.momentum!.Value, dampening = o.dampening!.Value, lr = o.LearningRate!.Value;
                var nesterov = o.nesterov!.Value;
                // Held for the loop: implicit Scalars would be freed by their finalizer, maybe while libtorch reads them (issue 13).
                using var mu = momentum.ToScalar();
                using var keep = (1 - dampening).ToScalar();
                using var step = (-lr).ToScalar();
                foreach (var p in group.Parameters)
                {
                    using var grad = p.grad;
                    if (grad is null) continue;
                    if (momentum != 0)
                    {
                        var state = (State)_state[p.Handle];
                        if (state.momentum_buffer is null)
                            state.momentum_buffer = grad.clone().detach().DetachFromDisposeScope();
                        else
                            state.momentum_buffer.mul_(mu).add_(grad, alpha: keep);
                        if (nesterov) grad.add_(state.momentum_buffer, alpha: mu);
                        else grad.copy_(state.momentum_buffer);
                    }
                    p.add_(grad, alpha: step);
                }
            }
            return null!;
        }
    }

    /// <summary>
    /// TorchSharp's Adam (same options, state and saved format) with a step that holds its Scalars: TorchSharp 0.107's own
    /// step passes β₁, 1 − β₁, β₂, 1 − β₂, ε and the step size as implicit Scalars, which a garbage collection on another
    /// thread can free while libtorch reads them (issue 13: the crash in addcmul_ of a binary parity RSGD stage). Per
    /// parameter p with gradient g and moments m, v (same shape as p), at step t:
    /// m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², p ← p − (η / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε).
    /// The same operations as <see cref="TorchSharp.Modules.Adam"/>'s step in the same order, so the same bits
    /// (OptimizersTests); weight decay, AMSGrad and maximize are not supported (the harness uses none of them). Named Adam
    /// because TorchSharp's saved state records the optimizer type's Name: checkpoints load into either class.
    /// </summary>
    private sealed class Adam : TorchSharp.Modules.Adam
    {
        /// <summary>Adam over <paramref name="parameters"/> with learning rate <paramref name="lr"/> and decays (β₁, β₂), ε = 1e-8.</summary>
        public Adam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double beta1, double beta2)
            : base(parameters, lr, beta1, beta2)
        {
        }

        /// <inheritdoc />
        public override Tensor step(Func<Tensor>? closure = null)
        {
            if (closure is not null) throw new NotSupportedException("this Adam takes no closure");
            using var noGrad = no_grad();
            foreach (var group in _parameter_groups)
            {
                var o = (Options)group.Options;
                if (o.weight_decay!.Value != 0 || o.amsgrad!.Value || o.maximize!.Value)
                    throw new NotSupportedException("this Adam supports neither weight decay, nor AMSGrad, nor maximize");
                double beta1 = o.beta1!.Value, beta2 = o.beta2!.Value, eps = o.eps!.Value, lr = o.LearningRate!.Value;
                using var b1 = beta1.ToScalar();
                using var rest1 = (1 - beta1).ToScalar();
                using var b2 = beta2.ToScalar();
                using var rest2 = (1 - beta2).ToScalar();
                using var epsilon = eps.ToScalar();
                foreach (var p in group.Parameters)
                {
                    using var grad = p.grad;
                    if (grad is null) continue;
                    var state = (State)_state[p.Handle];
                    state.step += 1;
                    var correction1 = 1 - Math.Pow(beta1, state.step);
                    var correction2 = 1 - Math.Pow(beta2, state.step);
                    state.exp_avg.mul_(b1).add_(grad, alpha: rest1);
                    using (var conj = grad.conj()) state.exp_avg_sq.mul_(b2).addcmul_(grad, conj, value: rest2);
                    using var root = Math.Sqrt(correction2).ToScalar();
                    using var size = (-(lr / correction1)).ToScalar();
                    using var sqrt = state.exp_avg_sq.sqrt();
                    using var denominator = sqrt.div(root).add_(epsilon, Scalars.One);
                    p.addcdiv_(state.exp_avg, denominator, value: size);
                }
            }
            return null!;
        }
    }
}
