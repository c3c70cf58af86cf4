using System.Text.RegularExpressions;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.Specs;

/// <summary>
/// Reads a spec's <c>resources</c> section: <c>default</c> and one mapping per stage kind, each with cpus, memory,
/// gpus, time, partition, account and sbatch. A kind's section overrides <c>default</c> field by field. Profiles may
/// change every field (resources do not change what is computed).
/// </summary>
public static partial class ResourceReader
{
    /// <summary>The section's key that applies to every stage kind.</summary>
    public const string Default = "default";

    /// <summary>Reads <paramref name="r"/> (the <c>resources</c> mapping) into one resolved entry per stage kind.</summary>
    public static IReadOnlyDictionary<string, ResourceSpec> Read(MappingReader r)
    {
        foreach (var key in r.Keys)
            if (key != Default && !StageKinds.All.Contains(key))
                throw r.ErrorAt(key, $"unknown stage kind '{key}'; allowed here: {string.Join(", ", StageKinds.All.Prepend(Default))}");
        var fallback = ReadOne(r.Section(Default), ResourceSpec.None);
        var result = new Dictionary<string, ResourceSpec>(StringComparer.Ordinal);
        foreach (var kind in StageKinds.All) result[kind] = ReadOne(r.Section(kind, "<kind>"), fallback);
        r.Finish();
        return result;
    }

    private static ResourceSpec ReadOne(MappingReader s, ResourceSpec fallback)
    {
        var spec = new ResourceSpec(
            Cpus: s.Int("cpus", fallback.Cpus, 0, 100_000, size: true),
            Memory: Checked(s, "memory", fallback.Memory, MemoryForm(), "a size in MB or with a unit K, M, G or T (e.g. 4G)"),
            Gpus: s.Int("gpus", fallback.Gpus, 0, 1024, size: true),
            Time: Checked(s, "time", fallback.Time, TimeForm(), "minutes, H:MM:SS or D-HH:MM:SS (e.g. 2:00:00)"),
            Partition: Checked(s, "partition", fallback.Partition, NameForm(), "a partition name (no spaces)"),
            Account: Checked(s, "account", fallback.Account, NameForm(), "an account name (no spaces)"),
            Sbatch: Flags(s, fallback.Sbatch));
        s.Finish();
        return spec;
    }

    private static string Checked(MappingReader s, string key, string fallback, Regex form, string expected)
    {
        var v = s.Text(key, fallback, size: true);
        return v.Length == 0 || form.IsMatch(v) ? v : throw s.ErrorAt(key, $"expected {expected}, found '{v}'");
    }

    private static IReadOnlyList<string> Flags(MappingReader s, IReadOnlyList<string> fallback)
    {
        const string absent = "\0";
        var text = s.Text("sbatch", absent, size: true);
        if (text == absent) return fallback;
        var flags = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var f in flags)
        {
            if (!f.StartsWith('-'))
                throw s.ErrorAt("sbatch", $"expected sbatch options separated by spaces, each starting with '-' (e.g. --qos=high), found '{f}'");
            if (Owned.Any(o => f == o || f.StartsWith(o + "=", StringComparison.Ordinal)))
                throw s.ErrorAt("sbatch", $"'{f}' is set by the executor (job name, log, dependencies); it cannot be given here");
        }
        return flags;
    }

    // Options the executor sets itself: a user's value would break the graph's chaining or the log's place.
    private static readonly string[] Owned = ["--dependency", "-d", "--job-name", "-J", "--output", "-o", "--error", "-e", "--parsable", "--wrap", "--chdir", "-D"];

    [GeneratedRegex(@"^[0-9]+[KMGT]?$")]
    private static partial Regex MemoryForm();

    [GeneratedRegex(@"^([0-9]+-)?[0-9]+(:[0-9]{1,2}){0,2}$")]
    private static partial Regex TimeForm();

    [GeneratedRegex(@"^[A-Za-z0-9_.,:+-]+$")]
    private static partial Regex NameForm();
}
