using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.Specs;

/// <summary>
/// Overlays a profile's overrides on the base spec: mappings merge key by key, lists and scalars replace.
/// Records the path of every replaced leaf so the loader can check that it is a size field. A profile
/// cannot add an algorithm the base spec lacks.
/// </summary>
public static class ProfileOverlay
{
    /// <summary>Returns the merged mapping; <paramref name="overrides"/> receives (path, node) of each overriding leaf.</summary>
    public static YamlMapping Merge(YamlMapping baseMap, YamlMapping overlay, string path, string profile,
        List<(string Path, YamlNode Node)> overrides)
    {
        var entries = baseMap.Entries.ToList();
        foreach (var (key, value) in overlay.Entries)
        {
            var at = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
            var i = entries.FindIndex(e => e.Key.Value == key.Value);
            if (i < 0 && path == "algorithms")
                throw new SpecException(key.File, key.Line, key.Column, $"profiles.{profile}.{at}",
                    $"a profile cannot add algorithm '{key.Value}', which the base spec does not train");
            if (i >= 0 && entries[i].Value is YamlMapping b && value is YamlMapping o)
            {
                entries[i] = new(entries[i].Key, Merge(b, o, at, profile, overrides));
                continue;
            }
            if (value is YamlMapping fresh)
            {
                // A section the base leaves at its defaults (or gives another form): every leaf inside is an override.
                var merged = Merge(fresh with { Entries = [] }, fresh, at, profile, overrides);
                if (i >= 0) entries[i] = new(entries[i].Key, merged);
                else entries.Add(new(key, merged));
                continue;
            }
            overrides.Add((at, value));
            if (i >= 0) entries[i] = new(entries[i].Key, value);
            else entries.Add(new(key, value));
        }
        return baseMap with { Entries = entries };
    }
}
