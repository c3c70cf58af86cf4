using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;

namespace Reproduce.Harness.Runs;

/// <summary>Prints the stage graph with each stage's state (cached, to run, corrupt), as a table or as JSON.</summary>
public static class PlanPrinter
{
    /// <summary>Writes the table: one line per stage, upstream first, with its key and inputs.</summary>
    public static void Table(Workspace ws, TextWriter output)
    {
        var states = ws.Inspect();
        int cached = states.Count(s => s.State == StageState.Done), toRun = states.Count - cached;
        output.WriteLine($"profile {(ws.Options.Profile ?? "(base)")} · {ws.Specs.Count} spec(s) · {states.Count} stages: {cached} cached, {toRun} to run");
        var width = Math.Max(5, states.Select(s => s.Stage.Id.Length).DefaultIfEmpty(5).Max());
        output.WriteLine($"  {"state",-8} {"stage".PadRight(width)} {"key",-16}  inputs");
        foreach (var (stage, state, problem) in states)
        {
            var label = state switch { StageState.Done => "cached", StageState.Corrupt => "corrupt", _ => "to run" };
            var inputs = string.Join(", ", stage.Inputs.Select(k => ws.Graph[k].Id));
            output.WriteLine($"  {label,-8} {stage.Id.PadRight(width)} {stage.Key,-16}  {inputs}");
            if (problem is not null) output.WriteLine($"           ! {problem}");
        }
    }

    /// <summary>Writes the plan as JSON: stages with kind, id, key, state, inputs (ids), experiments and settings.</summary>
    public static void Json(Workspace ws, TextWriter output)
    {
        var stages = new JsonArray();
        foreach (var (stage, state, problem) in ws.Inspect())
            stages.Add(new JsonObject
            {
                ["kind"] = stage.Kind,
                ["id"] = stage.Id,
                ["key"] = stage.Key,
                ["state"] = state.ToString().ToLowerInvariant(),
                ["problem"] = problem,
                ["inputs"] = new JsonArray(stage.Inputs.Select(k => (JsonNode?)JsonValue.Create(ws.Graph[k].Id)).ToArray()),
                ["experiments"] = new JsonArray(stage.Experiments.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
                ["settings"] = stage.Settings.DeepClone(),
            });
        var doc = new JsonObject { ["profile"] = ws.Options.Profile, ["root"] = ws.Root, ["stages"] = stages };
        output.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
