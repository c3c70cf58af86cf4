namespace Reproduce.Harness.Specs.Yaml;

/// <summary>What a strict read of one spec learned about its fields: every field read, with its documented
/// path (dynamic keys written <c>&lt;name&gt;</c>), its expected form, and whether a profile may change it.</summary>
public sealed class SpecReadContext(string file)
{
    private readonly Dictionary<string, FieldInfo> fields = new(StringComparer.Ordinal);

    /// <summary>The spec file, for messages.</summary>
    public string File { get; } = file;

    /// <summary>Every field read, by concrete path (e.g. <c>algorithms.sgd.lr</c>).</summary>
    public IReadOnlyDictionary<string, FieldInfo> Fields => fields;

    /// <summary>Records that a field was read.</summary>
    public void Record(string path, FieldInfo info) => fields[path] = info;
}

/// <summary>A field as the reader knows it.</summary>
/// <param name="DocPath">Path as documented in specs/README.md, e.g. <c>algorithms.&lt;name&gt;.lr</c>.</param>
/// <param name="Expected">The expected form in words, e.g. "a number in (0, 10]".</param>
/// <param name="IsSize">True when a profile may override it (sizes, never meaning).</param>
public sealed record FieldInfo(string DocPath, string Expected, bool IsSize);
