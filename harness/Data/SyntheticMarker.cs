namespace Reproduce.Harness.Data;

/// <summary>
/// The mark of a data set folder that holds made-up data in a real data set's format (a test's generated CIFAR-10, say):
/// a text file <c>SYNTHETIC</c> in the folder whose first non-empty line describes the data. A marked folder is never
/// checked against the published checksums, never fetched over, and its identity (<see cref="DataIdentity"/>) says it is
/// not the published data set and lists its files' SHA-256s, so nothing computed on it shares a cache key with the real
/// data set or can be read as a result on it.
/// </summary>
public static class SyntheticMarker
{
    /// <summary>Name of the marker file in a data set's folder.</summary>
    public const string FileName = "SYNTHETIC";

    /// <summary>The marker's description (its first non-empty line, trimmed), "no description" when empty, or null when
    /// <paramref name="folder"/> is not marked.</summary>
    public static string? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        var line = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line ?? "no description";
    }

    /// <summary>Marks <paramref name="folder"/> as synthetic with a one-line <paramref name="description"/> (written by a rename).</summary>
    public static void Write(string folder, string description)
    {
        var line = description.ReplaceLineEndings(" ").Trim();
        if (line.Length == 0) throw new ArgumentException("a synthetic data set needs a description", nameof(description));
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, FileName + ".tmp");
        File.WriteAllText(temp, line + "\n");
        File.Move(temp, Path.Combine(folder, FileName), overwrite: true);
    }
}
