using System.Globalization;

namespace Reproduce.Harness.Specs.Yaml;

/// <summary>
/// Strict typed reading of one YAML mapping: each accessor reads a key with its default and range, and
/// <see cref="Finish"/> rejects any key that no accessor asked for. Every error names file, line, column and field.
/// A missing mapping (null node) reads as all defaults.
/// </summary>
public sealed class MappingReader
{
    private readonly YamlMapping? node;
    private readonly SpecReadContext context;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    /// <summary>Concrete dotted path of this mapping ("" for the document).</summary>
    public string Path { get; }

    /// <summary>Documented path of this mapping (dynamic keys as &lt;name&gt;).</summary>
    public string DocPath { get; }

    /// <summary>Wraps <paramref name="node"/>, which must be a mapping or null.</summary>
    public MappingReader(YamlNode? node, string path, string docPath, SpecReadContext context)
    {
        if (node is not null and not YamlMapping)
            throw Error(node, path, $"expected a mapping, found {node.Form}", context.File);
        this.node = (YamlMapping?)node;
        this.context = context;
        Path = path;
        DocPath = docPath;
    }

    /// <summary>The mapping's keys, in document order.</summary>
    public IEnumerable<string> Keys => node?.Entries.Select(e => e.Key.Value) ?? [];

    /// <summary>Reads an integer in [min, max].</summary>
    public int Int(string key, int fallback, int min, int max, bool size = false)
    {
        var expected = max == int.MaxValue ? $"an integer ≥ {min}" : $"an integer in [{min}, {max}]";
        var v = Scalar(key, expected, size);
        if (v is null) return fallback;
        if (v.Quoted || !int.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x))
            throw Error(v, Child(key), $"expected {expected}, found {v.Form}");
        if (x < min || x > max) throw Error(v, Child(key), $"expected {expected}, found {x}");
        return x;
    }

    /// <summary>Reads a finite number in [min, max] (or (min, max] when <paramref name="minExclusive"/>).</summary>
    public double Number(string key, double fallback, double min, double max, bool minExclusive = false, bool size = false)
    {
        var expected = NumberForm(min, max, minExclusive);
        var v = Scalar(key, expected, size);
        return v is null ? fallback : ParseNumber(v, Child(key), min, max, minExclusive, expected);
    }

    /// <summary>
    /// Reads a finite number in [min, max] (or (min, max] when <paramref name="minExclusive"/>), or the word
    /// <paramref name="word"/> that names a rule instead of a number (e.g. <c>sqrt(fan_in)</c>); null for the word or when absent.
    /// </summary>
    public double? NumberOrWord(string key, string word, double min, double max, bool minExclusive = false, bool size = false)
    {
        var expected = $"{NumberForm(min, max, minExclusive)} or {word}";
        var v = Scalar(key, expected, size);
        return v is null || v.Value == word ? null : ParseNumber(v, Child(key), min, max, minExclusive, expected);
    }

    /// <summary>Reads true or false.</summary>
    public bool Bool(string key, bool fallback, bool size = false)
    {
        var v = Scalar(key, "true or false", size);
        if (v is null) return fallback;
        return !v.Quoted && v.Value is "true" or "false" ? v.Value == "true"
            : throw Error(v, Child(key), $"expected true or false, found {v.Form}");
    }

    /// <summary>Reads one of <paramref name="choices"/>.</summary>
    public string Choice(string key, string fallback, IReadOnlyList<string> choices, bool size = false)
    {
        var expected = "one of " + string.Join(", ", choices);
        var v = Scalar(key, expected, size);
        if (v is null) return fallback;
        return choices.Contains(v.Value) ? v.Value : throw Error(v, Child(key), $"expected {expected}, found {v.Form}");
    }

    /// <summary>Reads a name: letters, digits, '-', '_' and '.', 1-64 characters.</summary>
    public string Name(string key, string? fallback)
    {
        const string expected = "a name of letters, digits, '-', '_' or '.' (1-64 characters)";
        var v = Scalar(key, expected, false);
        if (v is null)
            return fallback ?? throw Error(node, Child(key), $"is required: expected {expected}", context.File);
        var ok = v.Value.Length is > 0 and <= 64 && v.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return ok ? v.Value : throw Error(v, Child(key), $"expected {expected}, found {v.Form}");
    }

    /// <summary>Reads free text (any scalar).</summary>
    public string Text(string key, string fallback, bool size = false)
    {
        var v = Scalar(key, "text", size);
        return v?.Value ?? fallback;
    }

    /// <summary>Reads a list of integers, each in [min, max], with a count in [minCount, maxCount].</summary>
    public IReadOnlyList<int> IntList(string key, IReadOnlyList<int> fallback, int min, int max, int minCount, int maxCount,
        bool distinct = false, bool size = false)
    {
        var expected = $"a list of {minCount}..{maxCount} integers in [{min}, {max}]" + (distinct ? ", all different" : "");
        var items = List(key, expected, size, minCount, maxCount);
        if (items is null) return fallback;
        var result = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"{Child(key)}[{i}]";
            if (item is not YamlScalar s || s.Quoted || !int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x))
                throw Error(item, at, $"expected an integer in [{min}, {max}], found {item.Form}");
            if (x < min || x > max) throw Error(item, at, $"expected an integer in [{min}, {max}], found {x}");
            if (distinct && result.Contains(x)) throw Error(item, at, $"expected {expected}, found {x} twice");
            result.Add(x);
        }
        return result;
    }

    /// <summary>Reads a list of finite numbers in [min, max] with a count in [minCount, maxCount].</summary>
    public IReadOnlyList<double> NumberList(string key, IReadOnlyList<double> fallback, double min, double max, int minCount, int maxCount,
        bool size = false)
    {
        var form = NumberForm(min, max, false);
        var expected = $"a list of {minCount}..{maxCount} numbers, each {form}";
        var items = List(key, expected, size, minCount, maxCount);
        if (items is null) return fallback;
        return items.Select((item, i) => item is YamlScalar s
            ? ParseNumber(s, $"{Child(key)}[{i}]", min, max, false, form)
            : throw Error(item, $"{Child(key)}[{i}]", $"expected a number, found {item.Form}")).ToList();
    }

    /// <summary>A nested mapping under <paramref name="key"/> (all defaults when absent).</summary>
    public MappingReader Section(string key, string? docKey = null)
    {
        known.Add(key);
        return new MappingReader(node?.Get(key), Child(key), Join(DocPath, docKey ?? key), context);
    }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool Has(string key) => node?.Get(key) is not null;

    /// <summary>Rejects every key no accessor asked for, naming the keys that are allowed.</summary>
    public void Finish()
    {
        if (node is null) return;
        foreach (var (key, _) in node.Entries)
        {
            if (known.Contains(key.Value)) continue;
            var allowed = known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal));
            throw Error(key, Child(key.Value), $"unknown key '{key.Value}'; allowed here: {allowed}");
        }
    }

    /// <summary>An error at the node of <paramref name="key"/> (or at this mapping when the key is absent).</summary>
    public SpecException ErrorAt(string key, string problem) =>
        Error((YamlNode?)node?.Entries.FirstOrDefault(e => e.Key.Value == key).Key ?? node, Child(key), problem, context.File);

    private YamlScalar? Scalar(string key, string expected, bool size)
    {
        var v = Lookup(key, expected, size);
        return v switch
        {
            null => null,
            YamlScalar s => s,
            _ => throw Error(v, Child(key), $"expected {expected}, found {v.Form}"),
        };
    }

    private IReadOnlyList<YamlNode>? List(string key, string expected, bool size, int minCount, int maxCount)
    {
        var v = Lookup(key, expected, size);
        if (v is null) return null;
        if (v is not YamlSequence seq) throw Error(v, Child(key), $"expected {expected}, found {v.Form}");
        if (seq.Items.Count < minCount || seq.Items.Count > maxCount)
            throw Error(v, Child(key), $"expected {expected}, found {seq.Items.Count} items");
        return seq.Items;
    }

    private YamlNode? Lookup(string key, string expected, bool size)
    {
        known.Add(key);
        context.Record(Child(key), new FieldInfo(Join(DocPath, key), expected, size));
        return node?.Get(key);
    }

    private double ParseNumber(YamlScalar v, string at, double min, double max, bool minExclusive, string expected)
    {
        if (v.Quoted || !double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
            throw Error(v, at, $"expected {expected}, found {v.Form}");
        if (x > max || x < min || (minExclusive && x == min)) throw Error(v, at, $"expected {expected}, found {v.Value}");
        return x;
    }

    private static string NumberForm(double min, double max, bool minExclusive) =>
        double.IsPositiveInfinity(max) ? (minExclusive ? $"a number > {F(min)}" : $"a number ≥ {F(min)}")
        : $"a number in {(minExclusive ? "(" : "[")}{F(min)}, {F(max)}]";

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);

    private string Child(string key) => Join(Path, key);

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}.{b}";

    private SpecException Error(YamlNode? at, string field, string problem) => Error(at, field, problem, context.File);

    private static SpecException Error(YamlNode? at, string field, string problem, string file) =>
        new(at?.File ?? file, at?.Line ?? 1, at?.Column ?? 1, field, problem);
}
