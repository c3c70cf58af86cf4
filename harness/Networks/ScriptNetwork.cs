using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks;

/// <summary>
/// A TorchScript module (a user's own architecture, <c>torch.jit.script(model).save(…)</c>) as a module of this code base:
/// forward x → the script's forward(x); parameters, buffers and state dict are the script's own tensors under their
/// PyTorch names (e.g. <c>conv1.weight</c>, <c>bn1.running_mean</c>), so writing into them (as
/// <see cref="Core.Probes.NetworkEvaluator"/> does for each probed point) substitutes the weights the script computes with.
/// train()/eval() switch the script's mode (a traced module keeps the mode it was traced in). Disposing it disposes the script.
/// </summary>
public sealed class ScriptNetwork : nn.Module<Tensor, Tensor>
{
    private readonly jit.ScriptModule<Tensor, Tensor> script;

    /// <summary>Wraps <paramref name="script"/>, which this module then owns.</summary>
    public ScriptNetwork(jit.ScriptModule<Tensor, Tensor> script) : base("ScriptNetwork") => this.script = script;

    /// <summary>x: (n, ...) as the script expects it → the script's output, (n, outputs).</summary>
    public override Tensor forward(Tensor x) => script.call(x);

    /// <inheritdoc />
    public override IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true) => script.named_parameters(recurse);

    /// <inheritdoc />
    public override IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true, bool include_nonpersistent = true) =>
        script.named_buffers(recurse, include_nonpersistent);

    /// <inheritdoc />
    public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null) =>
        script.state_dict(destination, prefix);

    /// <inheritdoc />
    public override void train(bool on = true) => script.train(on);

    /// <inheritdoc />
    public override void eval() => script.eval();

    /// <inheritdoc />
    public override bool training => script.training;

    /// <summary>Detached copies of the script's parameters and buffers by name, in the script's order.</summary>
    public static Dictionary<string, Tensor> StateDictCopy(jit.ScriptModule<Tensor, Tensor> module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    /// <summary>Disposes the script.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) script.Dispose();
        base.Dispose(disposing);
    }
}
