using System.Globalization;

namespace Reproduce.Harness.Cli;

/// <summary>
/// A command line split into positional words and <c>--name value</c> / <c>--flag</c> options. Unknown options are
/// errors, so a typo never silently falls back to a default.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);

    /// <summary>Positional words, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    private CliArguments(List<string> positional) => Positional = positional;

    /// <summary>Parses <paramref name="args"/>; <paramref name="valued"/> take a value, <paramref name="flags"/> do not.</summary>
    public static CliArguments Parse(IEnumerable<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        var positional = new List<string>();
        var result = new CliArguments(positional);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (!a.StartsWith("--", StringComparison.Ordinal)) { positional.Add(a); continue; }
            var eq = a.IndexOf('=');
            var name = eq > 0 ? a[2..eq] : a[2..];
            if (valued.Contains(name))
            {
                if (eq > 0) result.options[name] = a[(eq + 1)..];
                else if (e.MoveNext()) result.options[name] = e.Current;
                else throw new CliException($"option --{name} needs a value");
            }
            else if (flags.Contains(name) && eq < 0) result.options[name] = null;
            else
            {
                var known = valued.Select(v => $"--{v} VALUE").Concat(flags.Select(f => $"--{f}"));
                throw new CliException($"unknown option --{name}; known here: {string.Join(", ", known)}");
            }
        }
        return result;
    }

    /// <summary>The value of --<paramref name="name"/>, or null.</summary>
    public string? Value(string name) => options.TryGetValue(name, out var v) ? v : null;

    /// <summary>True when --<paramref name="name"/> was given.</summary>
    public bool Has(string name) => options.ContainsKey(name);

    /// <summary>The positive integer value of --<paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int PositiveInt(string name, int fallback)
    {
        var v = Value(name);
        if (v is null) return fallback;
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && x > 0 ? x
            : throw new CliException($"--{name} expects a positive integer, found '{v}'");
    }
}
