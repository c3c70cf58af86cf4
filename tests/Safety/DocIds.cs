using Mono.Cecil;

namespace Reproduce.Tests.Safety;

/// <summary>
/// Documentation-comment ids (the C# spec's "ID string format", what BannedSymbols.txt takes) of Cecil types and methods:
/// <c>M:TorchSharp.torch.Tensor.add(TorchSharp.torch.Tensor)</c>, generic arguments in braces, <c>``0</c> for a
/// method's type parameter, <c>@</c> for by-ref, and <c>~Return</c> after conversion operators.
/// </summary>
public static class DocIds
{
    /// <summary>The id of <paramref name="method"/>, with its <c>M:</c> prefix.</summary>
    public static string Method(MethodDefinition method)
    {
        var name = method.IsConstructor ? "#ctor" : method.Name.Replace('.', '#');
        if (method.HasGenericParameters) name += "``" + method.GenericParameters.Count;
        var id = "M:" + Type(method.DeclaringType) + "." + name;
        if (method.HasParameters) id += "(" + string.Join(",", method.Parameters.Select(p => Parameter(p.ParameterType))) + ")";
        if (method.Name is "op_Implicit" or "op_Explicit") id += "~" + Parameter(method.ReturnType);
        return id;
    }

    /// <summary>The id of a type definition without prefix: namespace, outer types joined by '.', arity after a backtick.</summary>
    public static string Type(TypeReference type) =>
        type.DeclaringType is { } outer ? Type(outer) + "." + type.Name : (type.Namespace.Length > 0 ? type.Namespace + "." : "") + type.Name;

    private static string Parameter(TypeReference t) => t switch
    {
        ByReferenceType r => Parameter(r.ElementType) + "@",
        PointerType p => Parameter(p.ElementType) + "*",
        ArrayType { Rank: 1 } a => Parameter(a.ElementType) + "[]",
        ArrayType a => Parameter(a.ElementType) + "[" + string.Join(",", Enumerable.Repeat("0:", a.Rank)) + "]",
        RequiredModifierType m => Parameter(m.ElementType),
        OptionalModifierType m => Parameter(m.ElementType),
        GenericParameter { Type: GenericParameterType.Method } g => "``" + g.Position,
        GenericParameter g => "`" + g.Position,
        GenericInstanceType g => Strip(Type(g.ElementType)) + "{" + string.Join(",", g.GenericArguments.Select(Parameter)) + "}",
        _ => Type(t),
    };

    // Inside a parameter list a generic type is written with its arguments instead of its arity: Nullable`1 → Nullable{…}.
    private static string Strip(string name)
    {
        var tick = name.LastIndexOf('`');
        return tick < 0 ? name : name[..tick];
    }
}
