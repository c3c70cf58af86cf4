using System.Text.Json.Nodes;

namespace Reproduce.Harness.Stages;

/// <summary>An optimized-path stage's settings: the path kind's (points per segment) and the midpoint's training.</summary>
/// <param name="Path">The path between the pair, as a path stage has it.</param>
/// <param name="Midpoint">How the midpoint is trained.</param>
public sealed record OptimizedPathStageSettings(PathStageSettings Path, MidpointSettings Midpoint)
{
    /// <summary>The canonical JSON: the path's fields and <c>midpoint</c>.</summary>
    public JsonObject ToJson()
    {
        var o = Path.ToJson();
        o["midpoint"] = Midpoint.ToJson();
        return o;
    }

    /// <summary>The inverse of <see cref="ToJson"/>.</summary>
    public static OptimizedPathStageSettings FromJson(JsonObject s) =>
        new(PathStageSettings.FromJson(s), MidpointSettings.FromJson((JsonObject)StageJson.Get(s, "midpoint", "optimized-path stage")));
}
