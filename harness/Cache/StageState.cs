namespace Reproduce.Harness.Cache;

/// <summary>What the cache holds for a stage.</summary>
public enum StageState
{
    /// <summary>No manifest: never run, or killed before it finished.</summary>
    Missing,

    /// <summary>Manifest present and every output matches it.</summary>
    Done,

    /// <summary>Manifest unreadable, for another key, or an output differs from it: the stage will rerun.</summary>
    Corrupt,
}
