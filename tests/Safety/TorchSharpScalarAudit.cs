using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Reproduce.Tests.Safety;

/// <summary>
/// Reads TorchSharp's IL and finds every method that creates a <c>TorchSharp.Scalar</c> nothing holds: a call to
/// <c>Scalar.op_Implicit</c> or <c>ToScalar()</c> in its body, or a call to a method that does (transitively). Such a
/// Scalar is freed by its finalizer, which a garbage collection on any thread can run while libtorch still reads it
/// (issue 13: <c>c10::Scalar::toFloat</c> checks failing in <c>addcmul_</c> inside TorchSharp's Adam). Also finds which of
/// those methods an assembly of ours reaches: by a direct call, or as a virtual override of a TorchSharp type it creates
/// (a module's forward, an optimizer's step) that our own types do not override.
/// </summary>
public sealed class TorchSharpScalarAudit
{
    private readonly ModuleDefinition torchSharp;
    private readonly Dictionary<string, string> unheld = new(); // method full name → the call that makes it unsafe
    private readonly DefaultAssemblyResolver resolver = new();

    /// <summary>Audits the TorchSharp.dll at <paramref name="path"/>.</summary>
    public TorchSharpScalarAudit(string path)
    {
        resolver.AddSearchDirectory(Path.GetDirectoryName(path)!);
        torchSharp = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver });
        var calls = new Dictionary<string, List<string>>();
        foreach (var type in torchSharp.GetTypes())
        foreach (var method in type.Methods.Where(m => m.HasBody))
        {
            var callees = new List<string>();
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.Operand is not MethodReference callee) continue;
                if (CreatesScalar(callee)) unheld.TryAdd(method.FullName, callee.FullName);
                callees.Add(callee.GetElementMethod().FullName);
            }
            calls[method.FullName] = callees;
        }
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (method, callees) in calls)
            {
                if (unheld.ContainsKey(method)) continue;
                if (callees.FirstOrDefault(unheld.ContainsKey) is { } bad)
                {
                    unheld[method] = bad;
                    changed = true;
                }
            }
        }
    }

    /// <summary>True when <paramref name="method"/> (a TorchSharp method's full name) creates an unheld Scalar.</summary>
    public bool IsUnsafe(string method) => unheld.ContainsKey(method);

    /// <summary>Why <paramref name="method"/> is unsafe: the chain of calls down to the implicit conversion.</summary>
    public string Chain(string method)
    {
        var links = new List<string> { method };
        for (var m = method; unheld.TryGetValue(m, out var next) && links.Count < 8 && !links.Contains(next); m = next) links.Add(next);
        return string.Join(" → ", links);
    }

    /// <summary>
    /// The documentation-comment ids (BannedSymbols.txt entries) of every public or protected TorchSharp method that creates
    /// an unheld Scalar, and of every implicit conversion to a Scalar or a Tensor (a Tensor made implicitly is likewise
    /// freed by its finalizer), sorted; properties are listed as <c>P:</c> entries.
    /// </summary>
    public IReadOnlyList<string> BannedIds()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in torchSharp.GetTypes().Where(Visible))
        {
            foreach (var method in type.Methods.Where(m => (m.IsPublic || m.IsFamily) && (unheld.ContainsKey(m.FullName) || ImplicitlyMade(m))))
            {
                if (method.IsGetter || method.IsSetter)
                {
                    var property = type.Properties.First(p => p.GetMethod == method || p.SetMethod == method);
                    ids.Add("P:" + DocIds.Type(type) + "." + property.Name);
                }
                else ids.Add(DocIds.Method(method));
            }
        }
        return ids.ToList();
    }

    /// <summary>
    /// Every place in the assembly at <paramref name="path"/> that reaches an unsafe TorchSharp method: (caller, callee, chain).
    /// Direct calls; and for each TorchSharp type the assembly creates (newobj, or the return type of a TorchSharp
    /// factory such as <c>nn.BatchNorm2d</c> or <c>optim.Adam</c>), its unsafe virtual methods, which a call through a base
    /// type (<c>module.call</c>, <c>optimizer.step</c>) would run.
    /// </summary>
    public IReadOnlyList<(string Caller, string Callee, string Chain)> Reached(string path, string? allowed = null)
    {
        resolver.AddSearchDirectory(Path.GetDirectoryName(path)!);
        using var ours = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver });
        var found = new List<(string, string, string)>();
        foreach (var type in ours.GetTypes().Where(t => allowed is null || !(t.FullName == allowed || t.FullName.StartsWith(allowed + "/", StringComparison.Ordinal))))
        foreach (var method in type.Methods.Where(m => m.HasBody))
        foreach (var instruction in method.Body.Instructions)
        {
            if (instruction.Operand is not MethodReference callee || !FromTorchSharp(callee.DeclaringType)) continue;
            var caller = $"{type.FullName}::{method.Name}";
            var resolved = Resolve(callee);
            if (resolved is not null && IsUnsafe(resolved.FullName)) found.Add((caller, resolved.FullName, Chain(resolved.FullName)));
            var created = instruction.OpCode == OpCodes.Newobj ? callee.DeclaringType : callee.ReturnType;
            if (Resolve(created) is { } made && DerivesFromTorchSharp(made))
                foreach (var virt in UnsafeVirtuals(made))
                    found.Add((caller, $"{made.FullName} (created here) runs {virt}", Chain(virt)));
        }
        return found.Distinct().ToList();
    }

    private IEnumerable<string> UnsafeVirtuals(TypeDefinition type)
    {
        var overridden = new HashSet<string>();
        for (var t = type; t is not null; t = Resolve(t.BaseType))
            foreach (var m in t.Methods.Where(m => m.IsVirtual && m.HasBody))
            {
                var signature = m.Name + "(" + string.Join(",", m.Parameters.Select(p => p.ParameterType.FullName)) + ")";
                if (!overridden.Add(signature)) continue; // a more derived type overrides it
                if (IsUnsafe(m.FullName)) yield return m.FullName;
            }
    }

    private static bool ImplicitlyMade(MethodDefinition m) =>
        m.Name == "op_Implicit" && m.ReturnType.FullName is "TorchSharp.Scalar" or "TorchSharp.torch/Tensor";

    private static bool CreatesScalar(MethodReference m) =>
        m.ReturnType.FullName == "TorchSharp.Scalar" && m.Name is "op_Implicit" or "ToScalar";

    private static bool Visible(TypeDefinition t)
    {
        for (var x = t; x is not null; x = x.DeclaringType)
            if (!(x.IsPublic || x.IsNestedPublic || x.IsNestedFamily)) return false;
        return true;
    }

    /// <summary>A TorchSharp type, or one of ours built on one (our BatchNorm2d, our optimizers): its inherited virtuals run TorchSharp code.</summary>
    private bool DerivesFromTorchSharp(TypeDefinition type)
    {
        for (var t = type; t is not null; t = Resolve(t.BaseType))
            if (FromTorchSharp(t)) return true;
        return false;
    }

    private static bool FromTorchSharp(TypeReference? t) => t?.Scope?.Name is "TorchSharp" or "TorchSharp.dll";

    private MethodDefinition? Resolve(MethodReference m)
    {
        try { return m.Resolve(); } catch (AssemblyResolutionException) { return null; }
    }

    private TypeDefinition? Resolve(TypeReference? t)
    {
        if (t is null) return null;
        try { return t.Resolve(); } catch (AssemblyResolutionException) { return null; }
    }
}
