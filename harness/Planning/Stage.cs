using System.Text.Json.Nodes;

namespace Reproduce.Harness.Planning;

/// <summary>
/// One unit of work in the stage graph. Its <see cref="Key"/> hashes its kind, the kind's version, its resolved
/// settings and its inputs' keys, so equal work has equal keys across specs and runs.
/// </summary>
/// <param name="Kind">One of <see cref="StageKinds.All"/>: data, train, canonicalize, align, the probe kinds (later: plot, findings).</param>
/// <param name="Key">Content hash (16 hex digits); the cache folder is <c>artifacts/cache/&lt;kind&gt;/&lt;key&gt;</c>.</param>
/// <param name="Id">Human name, unique in a plan, e.g. <c>train/mlp-mnist/sgd/seed1</c>; also the build target's name.</param>
/// <param name="Settings">Resolved settings (defaults included) as canonical JSON.</param>
/// <param name="Inputs">Keys of the stages whose outputs this one reads.</param>
/// <param name="Experiments">Experiments that need this stage.</param>
public sealed record Stage(string Kind, string Key, string Id, JsonObject Settings, IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Experiments)
{
    /// <summary>The kind's version that went into the key.</summary>
    public int Version => StageKinds.Version(Kind);
}
