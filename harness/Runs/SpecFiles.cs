namespace Reproduce.Harness.Runs;

/// <summary>Resolves a spec argument (file or glob with * and ?) to spec files, sorted.</summary>
public static class SpecFiles
{
    /// <summary>Files matching <paramref name="pattern"/> relative to <paramref name="root"/> (or absolute). Fails when none match.</summary>
    public static IReadOnlyList<string> Resolve(string root, string? pattern)
    {
        pattern ??= Path.Combine("specs", "*.yaml");
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(root, pattern);
        if (File.Exists(full)) return [Path.GetFullPath(full)];
        var dir = Path.GetDirectoryName(full) ?? root;
        var name = Path.GetFileName(full);
        if (!name.Contains('*') && !name.Contains('?'))
            throw new FileNotFoundException($"spec file not found: {full}");
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"spec folder not found: {dir}");
        var files = Directory.GetFiles(dir, name).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files : throw new FileNotFoundException($"no spec file matches {full}");
    }
}
