namespace Reproduce.Harness.Specs.Yaml;

/// <summary>A node of a parsed YAML document that remembers where it came from (1-based line and column).</summary>
public abstract record YamlNode(string File, int Line, int Column)
{
    /// <summary>Short name of the node's form for error messages: "a mapping", "a list", "a scalar".</summary>
    public abstract string Form { get; }
}

/// <summary>A scalar; <see cref="Quoted"/> is true when it was written in quotes (so it is always a string).</summary>
public sealed record YamlScalar(string File, int Line, int Column, string Value, bool Quoted) : YamlNode(File, Line, Column)
{
    /// <inheritdoc />
    public override string Form => Quoted ? $"the string \"{Value}\"" : $"'{Value}'";
}

/// <summary>A sequence of nodes.</summary>
public sealed record YamlSequence(string File, int Line, int Column, IReadOnlyList<YamlNode> Items) : YamlNode(File, Line, Column)
{
    /// <inheritdoc />
    public override string Form => "a list";
}

/// <summary>A mapping with unique scalar keys, in document order.</summary>
public sealed record YamlMapping(string File, int Line, int Column, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries)
    : YamlNode(File, Line, Column)
{
    /// <inheritdoc />
    public override string Form => "a mapping";

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public YamlNode? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
