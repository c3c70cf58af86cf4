using System.Text.Json.Nodes;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Stages;

/// <summary>Reads the stored results a plot or findings stage names in its settings (<c>stages</c>, <c>series</c>) from its finished inputs.</summary>
public static class StoredInputs
{
    /// <summary>The experiment's own results: the inputs listed under <c>stages</c>.</summary>
    public static ExperimentResults Own(StageRunContext context)
    {
        var s = context.Stage.Settings;
        return StoredResults.Read((string)s["experiment"]!, Algorithms(s), Pick(context, s["stages"]));
    }

    /// <summary>The size series under <c>series</c> (empty when the stage has none).</summary>
    public static IReadOnlyList<ScalingPoint> Series(StageRunContext context)
    {
        var s = context.Stage.Settings;
        return (s["series"] as JsonArray ?? []).Select(p => new ScalingPoint((double)p!["x"]!,
            StoredResults.Read((string)p["experiment"]!, Algorithms(s), Pick(context, p["stages"])))).ToList();
    }

    /// <summary>The algorithms in the experiment's order.</summary>
    public static IReadOnlyList<string> Algorithms(JsonObject settings) => ((JsonArray)settings["algorithms"]!).Select(a => (string)a!).ToList();

    private static IEnumerable<StageInput> Pick(StageRunContext context, JsonNode? keys)
    {
        var byKey = context.Inputs.ToDictionary(i => i.Stage.Key);
        return (keys as JsonArray ?? []).Select(k => byKey.TryGetValue((string)k!, out var input) ? input
            : throw new StageFailedException($"{context.Stage.Id}: input {(string)k!} is not among the stage's finished inputs"));
    }
}
