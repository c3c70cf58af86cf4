using System.Text.Json.Nodes;

namespace Reproduce.Harness.Stages;

/// <summary>Reading typed stage settings back from their JSON: a missing field is an error naming the stage kind and field.</summary>
public static class StageJson
{
    /// <summary>The field <paramref name="key"/> of <paramref name="o"/>, or an <see cref="InvalidDataException"/> naming it and <paramref name="where"/>.</summary>
    public static JsonNode Get(JsonObject o, string key, string where) =>
        o[key] ?? throw new InvalidDataException($"{where} settings: field '{key}' is missing");

    /// <summary>The JSON array of <paramref name="values"/>.</summary>
    public static JsonArray Array<T>(IEnumerable<T> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
