using System.Runtime;
using static TorchSharp.torch;

namespace Reproduce.Tests.Safety;

/// <summary>
/// TorchSharp's own optimizers, as the references ours must equal bit for bit (tests/Core/Training/OptimizersTests). Their
/// steps pass implicit Scalars that a garbage collection could free while libtorch reads them (issue 13), so each step runs
/// in a no-GC region: no collection, hence no finalizer, can run in the process meanwhile. The implicit-Scalar audit
/// (<see cref="ImplicitScalarTests"/>) allows these methods and no others.
/// </summary>
public static class TorchSharpReference
{
    /// <summary>TorchSharp's SGD: learning rate, momentum, no dampening or weight decay, Nesterov or not.</summary>
#pragma warning disable RS0030 // the reference itself; every step goes through Step below
    public static optim.Optimizer Sgd(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double momentum, bool nesterov) =>
        optim.SGD(parameters, lr, momentum, 0, 0, nesterov);

    /// <summary>TorchSharp's Adam with decays (β₁, β₂), ε = 1e-8, no weight decay.</summary>
    public static optim.Optimizer Adam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double beta1, double beta2) =>
        optim.Adam(parameters, lr, beta1, beta2);
#pragma warning restore RS0030

    /// <summary>
    /// a += b through TorchSharp's <c>add_(Tensor)</c>, which passes an implicit Scalar 1: the unsafe call of issue 13, kept
    /// only so that a test can show the GC stress catches it.
    /// </summary>
#pragma warning disable RS0030
    public static void AddWithImplicitAlpha(Tensor a, Tensor b) => a.add_(b);
#pragma warning restore RS0030

    /// <summary>One step of <paramref name="optimizer"/> with no garbage collection possible in the process.</summary>
    public static void Step(optim.Optimizer optimizer)
    {
        if (!GC.TryStartNoGCRegion(64L << 20)) throw new InvalidOperationException("could not enter a no-GC region");
        try
        {
            optimizer.step();
        }
        finally
        {
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
                throw new InvalidOperationException("a collection ran during the reference step (its allocations exceeded the no-GC budget)");
            GC.EndNoGCRegion();
        }
    }
}
