using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Reproduce.Harness.Specs.Yaml;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s with their positions. Strict: duplicate keys,
/// non-scalar keys, anchors/aliases, tags and multiple documents are errors with line and column.
/// </summary>
public static class YamlTreeReader
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> is only used in messages. An empty document gives an empty mapping.</summary>
    public static YamlNode Read(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var last = (Line: 1, Column: 1);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return new YamlMapping(file, 1, 1, []);
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, "", ref last);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var at = parser.Current!.Start;
                throw new SpecException(file, (int)at.Line, (int)at.Column, "", "expected a single YAML document, found a second one");
            }
            return root;
        }
        catch (YamlException e)
        {
            throw new SpecException(file, (int)e.Start.Line, (int)e.Start.Column, "", $"not valid YAML: {Inner(e).Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed input (an unclosed flow mapping at the end of the text).
            throw new SpecException(file, last.Line, last.Column, "", "not valid YAML: the document ends inside an unclosed '{', '[' or quote after this point");
        }
    }

    private static Exception Inner(Exception e) => e.InnerException is null ? e : Inner(e.InnerException);

    private static YamlNode ReadNode(IParser parser, string file, string path, ref (int Line, int Column) last)
    {
        var ev = parser.Current ?? throw new SpecException(file, 1, 1, path, "unexpected end of document");
        int line = (int)ev.Start.Line, col = (int)ev.Start.Column;
        last = (line, col);
        if (ev is NodeEvent { Anchor.IsEmpty: false } || ev is AnchorAlias)
            throw new SpecException(file, line, col, path, "anchors and aliases are not supported in specs; write the value out");
        if (ev is NodeEvent { Tag.IsEmpty: false } tagged && !tagged.Tag.IsNonSpecific)
            throw new SpecException(file, line, col, path, $"tags are not supported in specs (found {tagged.Tag})");
        switch (ev)
        {
            case Scalar s:
                parser.MoveNext();
                return new YamlScalar(file, line, col, s.Value, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<YamlNode>();
                for (var i = 0; !parser.TryConsume<SequenceEnd>(out _); i++) items.Add(ReadNode(parser, file, $"{path}[{i}]", ref last));
                return new YamlSequence(file, line, col, items);
            }
            case MappingStart:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                var seen = new Dictionary<string, YamlScalar>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, file, path, ref last);
                    if (keyNode is not YamlScalar key)
                        throw new SpecException(file, keyNode.Line, keyNode.Column, path, $"expected a plain key, found {keyNode.Form}");
                    var keyPath = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                    if (seen.TryGetValue(key.Value, out var first))
                        throw new SpecException(file, key.Line, key.Column, keyPath,
                            $"duplicate key '{key.Value}' (first given at line {first.Line}, column {first.Column})");
                    seen[key.Value] = key;
                    entries.Add(new(key, ReadNode(parser, file, keyPath, ref last)));
                }
                return new YamlMapping(file, line, col, entries);
            }
            default:
                throw new SpecException(file, line, col, path, $"unexpected YAML element {ev.GetType().Name}");
        }
    }
}
